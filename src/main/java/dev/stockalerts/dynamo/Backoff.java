package dev.stockalerts.dynamo;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** Exponential backoff with full jitter, as AWS recommends for UnprocessedItems. Sleeping is injected for tests. */
public final class Backoff {
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

    /** Waits before retry number {@code retry} (1-based): a random time in [0, min(cap, base * 2^(retry-1))]. */
    public void pause(int retry) {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(retry - 1, 20));
        try {
            sleeper.sleep(Duration.ofMillis(random.nextLong(ceiling + 1)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
