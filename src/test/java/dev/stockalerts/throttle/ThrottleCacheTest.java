package dev.stockalerts.throttle;

import dev.stockalerts.local.SimulatedClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThrottleCacheTest {
    private static final Duration WINDOW = Duration.ofMinutes(30);
    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-11-25T14:00:00Z"));

    private static long granted(ThrottleCache cache, String key, int calls) {
        return IntStream.range(0, calls).filter(i -> cache.tryAcquire(key)).count();
    }

    @Test
    void oncePerWindow() {
        ThrottleCache cache = new ThrottleCache(WINDOW, clock);
        assertEquals(1, granted(cache, "yahoo:SERVER_ERROR", 100));

        clock.advance(WINDOW.minusSeconds(1));
        assertEquals(0, granted(cache, "yahoo:SERVER_ERROR", 100), "still inside the window");

        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, granted(cache, "yahoo:SERVER_ERROR", 100), "window over: exactly one more");
    }

    @Test
    void keysAreIndependent() {
        ThrottleCache cache = new ThrottleCache(WINDOW, clock);
        assertTrue(cache.tryAcquire("yahoo:SERVER_ERROR"));
        assertTrue(cache.tryAcquire("yahoo:TIMEOUT"));
        assertTrue(cache.tryAcquire("finnhub:SERVER_ERROR"));
        assertFalse(cache.tryAcquire("yahoo:TIMEOUT"));
    }

    @Test
    void concurrentCallersGetOneYes() throws Exception {
        ThrottleCache cache = new ThrottleCache(WINDOW, clock);
        List<Thread> threads = new ArrayList<>();
        AtomicInteger yes = new AtomicInteger();
        for (int i = 0; i < 8; i++) {
            Thread t = new Thread(() -> {
                for (int j = 0; j < 200; j++) if (cache.tryAcquire("k")) yes.incrementAndGet();
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) t.join();
        assertEquals(1, yes.get());
    }

    @Test
    void expiredEntriesArePruned() {
        ThrottleCache cache = new ThrottleCache(WINDOW, clock);
        for (int i = 0; i < 50; i++) cache.tryAcquire("key-" + i);
        assertEquals(50, cache.size());
        clock.advance(WINDOW.plusSeconds(1));
        cache.tryAcquire("fresh");
        assertEquals(1, cache.size());
    }

    @Test
    void sharedStoreIsAskedOnlyAfterLocalYes() {
        List<String> asked = new ArrayList<>();
        SharedThrottleStore store = (key, expiresAt, now) -> {
            asked.add(key + "@" + now + "->" + expiresAt);
            return true;
        };
        ThrottleCache cache = new ThrottleCache(WINDOW, clock, store);
        assertEquals(1, granted(cache, "k", 100));
        assertEquals(List.of("k@2026-11-25T14:00:00Z->2026-11-25T14:30:00Z"), asked);
    }

    @Test
    void sharedNoIsRememberedLocally() {
        int[] asked = {0};
        ThrottleCache cache = new ThrottleCache(WINDOW, clock, (key, expiresAt, now) -> {
            asked[0]++;
            return false; // another container already sent it
        });
        assertEquals(0, granted(cache, "k", 100));
        assertEquals(1, asked[0], "a shared 'no' must not be asked again within the window");

        clock.advance(WINDOW);
        cache.tryAcquire("k");
        assertEquals(2, asked[0]);
    }

    @Test
    void sharedStoreFailureFailsOpenOncePerWindow() {
        int[] asked = {0};
        ThrottleCache cache = new ThrottleCache(WINDOW, clock, (key, expiresAt, now) -> {
            asked[0]++;
            throw new IllegalStateException("DynamoDB unreachable");
        });
        assertEquals(1, granted(cache, "k", 100));
        assertEquals(1, asked[0]);
    }
}
