package dev.stockalerts.providers;

import dev.stockalerts.providers.TokenBucket;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBucketTest {
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void finnhubsLimitsNeverAllowMoreThanSixtyInAMinuteNorThirtyInASecond() {
        TokenBucket bucket = TokenBucket.forLimits(60, 30, nanos::get);
        // Greedy caller, asking every 100 ms for 10 minutes: count calls in every sliding window.
        int[] grantedAt = new int[6000];
        for (int tick = 0; tick < grantedAt.length; tick++) {
            grantedAt[tick] = bucket.take(100);
            nanos.addAndGet(100_000_000L);
        }
        for (int from = 0; from < grantedAt.length; from++) {
            assertTrue(sum(grantedAt, from, 10) <= 30, "second from tick " + from);
            assertTrue(sum(grantedAt, from, 600) <= 60, "minute from tick " + from);
        }
        assertEquals(30 + 30 * 10 - 1, sum(grantedAt, 0, grantedAt.length), "and spends the rate it has");
    }

    @Test
    void refillsAtItsRateUpToItsCapacity() {
        TokenBucket bucket = new TokenBucket(5, 60, nanos::get);
        assertEquals(5, bucket.take(10));
        assertEquals(0, bucket.take(1));
        nanos.addAndGet(2_500_000_000L); // 2.5 tokens
        assertEquals(2, bucket.take(10));
        nanos.addAndGet(3_600_000_000_000L);
        assertEquals(5, bucket.take(10));
    }

    private static int sum(int[] values, int from, int length) {
        int total = 0;
        for (int i = from; i < Math.min(values.length, from + length); i++) total += values[i];
        return total;
    }
}
