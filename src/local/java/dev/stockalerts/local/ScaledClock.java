package dev.stockalerts.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Service time for {@code serve --speed N}: starts at the base clock's now and runs N times as fast, so the
 * 5-minute schedule, cache TTLs and cooldowns all pass N times sooner while still moving on their own.
 */
public final class ScaledClock extends Clock {
    private final Clock base;
    private final Instant start;
    private final long speed;

    public ScaledClock(Clock base, long speed) {
        if (speed < 1) throw new IllegalArgumentException("speed must be at least 1, got " + speed);
        this.base = base;
        this.speed = speed;
        this.start = base.instant();
    }

    public long speed() {
        return speed;
    }

    /** How long a span of service time takes in real (base clock) time. */
    public Duration realTime(Duration serviceTime) {
        return serviceTime.dividedBy(speed);
    }

    @Override
    public Instant instant() {
        return start.plus(Duration.between(start, base.instant()).multipliedBy(speed));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** The service works in UTC only (as SimulatedClock does). */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
