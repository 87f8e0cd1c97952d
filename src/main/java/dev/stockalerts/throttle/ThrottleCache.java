package dev.stockalerts.throttle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * "Should this notice go out now?": at most one yes per key per window.
 * Local map per container (zero I/O); optionally backed by a {@link SharedThrottleStore},
 * asked only after the local map said yes so repeats cost nothing.
 */
public final class ThrottleCache {
    private final Duration window;
    private final Clock clock;
    private final SharedThrottleStore shared;
    private final ConcurrentHashMap<String, Instant> expiries = new ConcurrentHashMap<>();
    private volatile Instant nextPrune;

    private final Consumer<String> log;

    /** @param shared asked after the local yes; {@link SharedThrottleStore#NONE} when throttling is per container */
    public ThrottleCache(Duration window, Clock clock, SharedThrottleStore shared, Consumer<String> log) {
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) throw new IllegalArgumentException("window must be positive");
        this.window = window;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.shared = Objects.requireNonNull(shared, "shared");
        this.log = Objects.requireNonNull(log, "log");
        this.nextPrune = clock.instant().plus(window);
    }

    public boolean tryAcquire(String key) {
        Objects.requireNonNull(key, "key");
        Instant now = clock.instant();
        pruneIfDue(now);
        Instant expiresAt = now.plus(window);
        boolean[] acquired = {false};
        // compute() is atomic per key: two threads cannot both win the same window.
        expiries.compute(key, (k, current) -> {
            if (current != null && now.isBefore(current)) return current;
            acquired[0] = true;
            return expiresAt;
        });
        if (!acquired[0]) return false;
        try {
            // A "no" leaves the local entry in place, so we don't ask the store again this window.
            return shared.tryAcquire(key, expiresAt, now);
        } catch (RuntimeException e) {
            // Fail open: a missed admin notice is worse than a duplicate one.
            // The local entry stays, so this container still sends at most one per window.
            log.accept("[Throttle] shared store failed for " + key + ", sending anyway: " + e);
            return true;
        }
    }

    /** Drops expired entries at most once per window, so the map stays bounded by live keys. */
    private void pruneIfDue(Instant now) {
        Instant due = nextPrune;
        if (now.isBefore(due)) return;
        nextPrune = now.plus(window);
        expiries.entrySet().removeIf(e -> !now.isBefore(e.getValue()));
    }
}
