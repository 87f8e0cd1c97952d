package dev.stockalerts.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Decides whether an alert fires for a quote, and what its state becomes. Pure: no I/O, and time is a parameter.
 *
 * <p>The value compared with the level L is the price p, or for PERCENT_CHANGE the change percent cp versus the
 * previous close. Triggered: ABOVE p &gt;= L; BELOW p &lt;= L; PERCENT_CHANGE cp &gt;= L when L &gt; 0 (up by at least L%),
 * cp &lt;= L when L &lt; 0 (down by at least |L|%). Without a usable cp the alert is not evaluable: state unchanged, not
 * fired. CROSSES_ABOVE / CROSSES_BELOW: the side (ABOVE when p &gt;= L, else BELOW) changed from BELOW to ABOVE / from
 * ABOVE to BELOW; the first observation (side UNKNOWN) only records the side. Crossing alerts record the side on every
 * evaluation, even while disarmed; other conditions never touch it, so price moves alone do not dirty their state.
 *
 * <p>Policies: ONCE fires if armed, then stays disarmed until {@link #rearmManually}. REARM(h) fires if armed, then
 * disarms; a disarmed alert re-arms (without firing in that evaluation) once the value is back past the level by h:
 * for upward alerts (ABOVE, CROSSES_ABOVE, PERCENT_CHANGE with L &gt; 0) value &lt;= L - h, for downward ones
 * value &gt;= L + h. COOLDOWN(d) ignores and never touches {@code armed}; it fires when triggered and no firing
 * happened in the last d (now &gt;= lastFiredAt + d).
 *
 * <p>Spikes between checks: an ABOVE or CROSSES_ABOVE alert is also triggered when the day's high rose through L since
 * the previous check (the {@link Observation.Excursion}), even if p is back below; BELOW and CROSSES_BELOW likewise
 * with the day's low. It then fires at the touched price with trigger DAY_HIGH or DAY_LOW; p itself still decides a
 * crossing alert's side. A touch counts only when the whole interval since the previous check lies after the alert
 * was created: a high reached before an alert existed never fires it.
 *
 * <p>The next state keeps the input's version, and equals the input when nothing meaningful changed.
 */
public final class AlertEvaluator {

    private AlertEvaluator() {}

    public static Evaluation evaluate(Alert alert, AlertState state, Observation seen, Instant now) {
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(seen, "seen");
        Objects.requireNonNull(now, "now");
        if (!alert.id().equals(state.alertId())) {
            throw new IllegalArgumentException("state of " + state.alertId() + " given for alert " + alert.id());
        }
        Condition condition = alert.condition();
        double level = alert.level();
        double price = seen.price();

        double value = price;
        if (condition == Condition.PERCENT_CHANGE) {
            Double cp = seen.changePercent();
            // NaN/infinite from an odd previous close would make every comparison meaningless.
            if (cp == null || !Double.isFinite(cp)) return new Evaluation(state, null);
            value = cp;
        }
        boolean upward = condition == Condition.ABOVE || condition == Condition.CROSSES_ABOVE
                || (condition == Condition.PERCENT_CHANGE && level > 0);

        Double touched = touch(alert, seen.excursion(), upward);
        AlertState next = state;
        boolean byPrice;
        if (condition == Condition.CROSSES_ABOVE || condition == Condition.CROSSES_BELOW) {
            Side side = price >= level ? Side.ABOVE : Side.BELOW;
            Side before = state.side();
            byPrice = upward
                    ? before == Side.BELOW && side == Side.ABOVE
                    : before == Side.ABOVE && side == Side.BELOW;
            // A touch crossed and came back: it counts from the side it started on.
            if (!byPrice && touched != null) touched = before == (upward ? Side.BELOW : Side.ABOVE) ? touched : null;
            if (side != before) next = next.withSide(side);
        } else {
            byPrice = upward ? value >= level : value <= level;
        }
        boolean triggered = byPrice || touched != null;
        // What fired it, and at what price: the last price, or else the day's high or low that touched the level.
        Trigger trigger = byPrice ? Trigger.LAST_PRICE : upward ? Trigger.DAY_HIGH : Trigger.DAY_LOW;
        double firedPrice = byPrice || touched == null ? price : touched;

        RearmPolicy policy = alert.rearm();
        switch (policy.kind()) {
            case COOLDOWN -> {
                if (triggered && cooledDown(state.lastFiredAt(), now, policy.cooldown())) {
                    return fire(next, alert, firedPrice, trigger, now);
                }
                return new Evaluation(next, null);
            }
            case ONCE, REARM -> {
                if (state.armed()) {
                    return triggered
                            ? fire(next.withArmed(false), alert, firedPrice, trigger, now)
                            : new Evaluation(next, null);
                }
                if (policy.kind() == RearmPolicy.Kind.REARM && backPast(upward, value, level, policy.hysteresis())) {
                    return new Evaluation(next.withArmed(true), null);
                }
                return new Evaluation(next, null);
            }
            default -> throw new IllegalStateException("unknown policy " + policy.kind());
        }
    }

    /**
     * A manual re-arm from the API: armed again, and side forgotten so a crossing alert waits for a real crossing
     * rather than firing on a crossing that happened while it was disarmed. Only crossing alerts ever record a side,
     * so resetting it unconditionally leaves other alerts' side as it was (UNKNOWN).
     */
    public static AlertState rearmManually(AlertState s) {
        return s.withArmed(true).withSide(Side.UNKNOWN);
    }

    /**
     * Applies a re-arm request recorded on the definition ({@link Alert#rearmRequestedAt()}): a disarmed alert whose
     * request came after its last firing is re-armed by hand. Idempotent and needs no extra state: once the alert
     * fires again, its last firing is newer than the request, so the same request never re-arms it twice. COOLDOWN
     * alerts are never disarmed, so a request leaves them as they are.
     */
    public static AlertState applyRearmRequest(Alert alert, AlertState state) {
        Instant requested = alert.rearmRequestedAt();
        if (requested == null || state.armed()) return state;
        if (state.lastFiredAt() != null && !requested.isAfter(state.lastFiredAt())) return state;
        return rearmManually(state);
    }

    /**
     * Applies an edit of the definition to a state derived from an older one. A new condition or level
     * ({@link Alert#triggerRevision()} moved past the state's) makes the side of the old level meaningless, and the
     * firing that disarmed the alert was about the old trigger: the alert is re-armed and its side forgotten, so a
     * crossing alert waits for a real crossing of the new level. Firing history and a cooldown stay. The state is
     * stamped with the revision it now belongs to, which makes it idempotent: a later edit of only the note or the
     * channels, or a stale definition seen by an older container, changes nothing. A state stamped 0 (stored before
     * edits existed, or never derived) counts as derived under the first definition.
     */
    public static AlertState applyDefinitionChange(Alert alert, AlertState state) {
        if (alert.triggerRevision() <= Math.max(state.triggerRevision(), 1)) return state;
        return state.withArmed(true).withSide(Side.UNKNOWN).withTriggerRevision(alert.triggerRevision());
    }

    private static Evaluation fire(AlertState next, Alert alert, double price, Trigger trigger, Instant now) {
        AlertState fired = next.fired(now, price);
        return new Evaluation(fired, new Firing(alert.id(), fired.fireCount(), now, price, trigger));
    }

    /**
     * The day's high (upward alerts) or low that went through the level since the previous check, or null. Only price
     * alerts watch the range, and only over an interval that began after the alert existed.
     */
    private static Double touch(Alert alert, Observation.Excursion excursion, boolean upward) {
        if (excursion == null || alert.condition() == Condition.PERCENT_CHANGE) return null;
        if (alert.createdAt() != null && alert.createdAt().isAfter(excursion.since())) return null;
        return upward ? excursion.roseThrough(alert.level()) : excursion.fellThrough(alert.level());
    }

    private static boolean backPast(boolean upward, double value, double level, double hysteresis) {
        return upward ? value <= level - hysteresis : value >= level + hysteresis;
    }

    // Duration.between cannot overflow where lastFiredAt.plus(huge cooldown) could.
    private static boolean cooledDown(Instant lastFiredAt, Instant now, Duration cooldown) {
        return lastFiredAt == null || Duration.between(lastFiredAt, now).compareTo(cooldown) >= 0;
    }
}
