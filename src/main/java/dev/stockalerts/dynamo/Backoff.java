package dev.stockalerts.dynamo;

import dev.stockalerts.time.Deadline;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter, as AWS recommends for UnprocessedItems and transaction conflicts: the one
 * pause between attempts the adapters make themselves (what the SDK already retried is not retried again). Sleeping
 * is injected for tests.
 */
public final class Backoff {
    /** The least time worth starting another attempt with: a pause must leave this much before the deadline. */
    static final Duration MIN_ATTEMPT = Duration.ofMillis(50);

    /** Pauses the caller; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Duration base;
    private final Duration cap;
    private final int maxAttempts;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    public Backoff(Duration base, Duration cap, int maxAttempts, Sleeper sleeper, RandomGenerator random) {
        this.base = base;
        this.cap = cap;
        this.maxAttempts = maxAttempts;
        this.sleeper = sleeper;
        this.random = random;
    }

    public static Backoff standard() {
        return new Backoff(Duration.ofMillis(50), Duration.ofSeconds(2), 6,
                d -> Thread.sleep(d.toMillis()), RandomGenerator.getDefault());
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * After attempt number {@code attempt} (1-based) failed: waits a random time in
     * [0, min(cap, base * 2^(attempt-1))] and returns true, another attempt may start. Returns false without waiting
     * when that was the last attempt allowed, or when the pause would not leave {@link #MIN_ATTEMPT} before
     * {@code deadline} (nothing is slept past a deadline); false too when interrupted, the interrupt kept.
     */
    public boolean pause(int attempt, Deadline deadline) {
        if (attempt >= maxAttempts) return false;
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt - 1, 20));
        Duration pause = Duration.ofMillis(random.nextLong(ceiling + 1));
        if (deadline.remaining().compareTo(pause.plus(MIN_ATTEMPT)) < 0) return false;
        try {
            sleeper.sleep(pause);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
