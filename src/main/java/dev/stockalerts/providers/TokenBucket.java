package dev.stockalerts.providers;

import java.util.function.LongSupplier;

/**
 * A token bucket on real elapsed time (nanoTime, not the injected clock: a provider counts real calls):
 * holds at most {@code capacity} tokens and gains {@code perMinute} a minute. Thread-safe.
 */
final class TokenBucket {
    private static final double NANOS_PER_MINUTE = 60e9;

    private final int capacity;
    private final double perNano;
    private final LongSupplier nanoTime;
    private double tokens;
    private long updatedAt;

    TokenBucket(int capacity, double perMinute, LongSupplier nanoTime) {
        if (capacity < 1 || !(perMinute > 0)) throw new IllegalArgumentException("capacity " + capacity + ", perMinute " + perMinute);
        this.capacity = capacity;
        this.perNano = perMinute / NANOS_PER_MINUTE;
        this.nanoTime = nanoTime;
        this.tokens = capacity;
        this.updatedAt = nanoTime.getAsLong();
    }

    /**
     * Held to a provider's documented limits: never more than {@code perSecond} calls in a second, nor
     * {@code perMinute} in any minute. A full bucket spends at most half the minute's calls at once (and no
     * more than the per-second cap), and refills the other half over the minute.
     */
    static TokenBucket forLimits(int perMinute, int perSecond, LongSupplier nanoTime) {
        int capacity = Math.max(1, Math.min(perSecond, perMinute / 2));
        return new TokenBucket(capacity, Math.max(1, perMinute - capacity), nanoTime);
    }

    /** Takes up to {@code wanted} tokens without waiting; returns how many it got. */
    synchronized int take(int wanted) {
        long now = nanoTime.getAsLong();
        tokens = Math.min(capacity, tokens + (now - updatedAt) * perNano);
        updatedAt = now;
        int granted = (int) Math.min(wanted, Math.floor(tokens));
        tokens -= granted;
        return granted;
    }
}
