package dev.stockalerts.alert;

import java.time.Duration;
import java.util.Objects;

/**
 * When an alert may fire again after firing.
 * ONCE: never until re-armed by hand. REARM: after the price went back past the level by
 * {@code hysteresis} (price units, or percentage points for PERCENT_CHANGE). COOLDOWN: at most once per {@code cooldown}.
 */
public record RearmPolicy(Kind kind, double hysteresis, Duration cooldown) {
    public enum Kind { ONCE, REARM, COOLDOWN }

    public RearmPolicy {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.REARM && !(hysteresis >= 0)) {
            throw new IllegalArgumentException("hysteresis must be zero or positive");
        }
        if (kind == Kind.COOLDOWN && (cooldown == null || cooldown.isNegative() || cooldown.isZero())) {
            throw new IllegalArgumentException("cooldown must be a positive duration");
        }
        if (kind != Kind.REARM) hysteresis = 0;
        if (kind != Kind.COOLDOWN) cooldown = null;
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
