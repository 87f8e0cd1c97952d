package dev.stockalerts.dynamo;

import dev.stockalerts.time.Deadline;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pauses between an adapter's own attempts: within their jittered ceiling, never past a deadline or the last attempt. */
class BackoffTest {
    /** Always draws the longest pause allowed, so whether it fits is known. */
    private static final RandomGenerator LONGEST = new RandomGenerator() {
        @Override
        public long nextLong() {
            throw new UnsupportedOperationException("only bounded draws");
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    private final List<Duration> slept = new ArrayList<>();

    @Test
    void eachPauseIsAtMostItsExponentialCeilingUpToTheCap() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(300), 6, slept::add, LONGEST);

        for (int attempt = 1; attempt <= 4; attempt++) assertTrue(backoff.pause(attempt, Deadline.none()));

        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofMillis(300)), slept);
    }

    @Test
    void aPauseThatWouldNotLeaveTimeForAnotherAttemptBeforeTheDeadlineIsNotTaken() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 6, slept::add, LONGEST);

        assertFalse(backoff.pause(1, Deadline.in(Duration.ofMillis(500))), "a 1 s pause against 0.5 s left");
        assertFalse(backoff.pause(1, Deadline.in(Duration.ofMillis(1020))), "it would leave less than the least attempt");
        assertEquals(List.of(), slept, "nothing slept when no attempt could follow");

        assertTrue(backoff.pause(1, Deadline.in(Duration.ofSeconds(5))));
        assertEquals(List.of(Duration.ofSeconds(1)), slept);
    }

    @Test
    void thereIsNoPauseAfterTheLastAttempt() {
        Backoff backoff = new Backoff(Duration.ofMillis(1), Duration.ofMillis(1), 3, slept::add, LONGEST);

        assertTrue(backoff.pause(2, Deadline.none()));
        assertFalse(backoff.pause(3, Deadline.none()));
        assertEquals(1, slept.size());
    }

    @Test
    void anInterruptedPauseEndsTheRetriesAndKeepsTheInterrupt() {
        Backoff backoff = new Backoff(Duration.ofMillis(1), Duration.ofMillis(1), 3, d -> {
            throw new InterruptedException();
        }, LONGEST);
        try {
            assertFalse(backoff.pause(1, Deadline.none()));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }
}
