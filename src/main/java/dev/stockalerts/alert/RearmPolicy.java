package dev.stockalerts.alert;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When an alert may fire again after firing.
 * ONCE: never until re-armed by hand. REARM: after the price went back past the level by
 * {@code hysteresis} (price units, or percentage points for PERCENT_CHANGE). COOLDOWN: at most once per {@code cooldown}.
 * A hysteresis belongs to REARM only and a cooldown to COOLDOWN only: elsewhere they are errors, not silently dropped.
 */
public record RearmPolicy(Kind kind, double hysteresis, Duration cooldown) {
    public enum Kind { ONCE, REARM, COOLDOWN }

    /** The field a policy is stored and shown under in an alert; violations are named below it (rearm.cooldown). */
    public static final String FIELD = "rearm";

    public RearmPolicy {
        Map<String, String> problems = check(kind, hysteresis == 0 ? null : hysteresis, cooldown, false);
        if (!problems.isEmpty()) throw new InvalidAlert(problems);
    }

    /**
     * What is wrong with a policy made of these parts, keyed rearm.policy, rearm.hysteresis, rearm.cooldown; empty when
     * valid. Nulls are parts not given (a REARM without hysteresis re-arms as soon as the price is back past the level).
     */
    public static Map<String, String> violations(Kind kind, Double hysteresis, Duration cooldown) {
        return check(kind, hysteresis, cooldown, true);
    }

    /** @param bounded whether the realistic bounds of {@link AlertRules} apply (to input), or only invariants (stored) */
    private static Map<String, String> check(Kind kind, Double hysteresis, Duration cooldown, boolean bounded) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (kind == null) problems.put(FIELD + ".policy", "is required; one of " + AlertRules.names(Kind.values()));
        if (hysteresis != null) {
            if (kind != null && kind != Kind.REARM) {
                problems.put(FIELD + ".hysteresis", "applies only to policy REARM");
            } else if (bounded ? hysteresis != 0 && !AlertRules.isPrice(hysteresis) : hysteresis != 0 && !(hysteresis > 0 && AlertRules.isStorable(hysteresis))) {
                problems.put(FIELD + ".hysteresis", "must be zero or a number " + AlertRules.PRICE_RANGE);
            }
        }
        if (cooldown == null) {
            if (kind == Kind.COOLDOWN) {
                problems.put(FIELD + ".cooldown", "is required for policy COOLDOWN; an ISO-8601 duration such as PT1H");
            }
        } else if (kind != null && kind != Kind.COOLDOWN) {
            problems.put(FIELD + ".cooldown", "applies only to policy COOLDOWN");
        } else if (cooldown.isNegative() || cooldown.isZero()) {
            problems.put(FIELD + ".cooldown", "must be a positive ISO-8601 duration such as PT1H");
        }
        return problems;
    }

    public static RearmPolicy once() {
        return new RearmPolicy(Kind.ONCE, 0, null);
    }

    public static RearmPolicy rearm(double hysteresis) {
        return new RearmPolicy(Kind.REARM, hysteresis, null);
    }

    public static RearmPolicy cooldown(Duration period) {
        return new RearmPolicy(Kind.COOLDOWN, 0, period);
    }
}
