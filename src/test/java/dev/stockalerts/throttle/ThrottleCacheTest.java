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
    private final List<String> logged = new ArrayList<>();
    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-11-25T14:00:00Z"));

    private static long granted(ThrottleCache cache, String key, int calls) {
        return IntStream.range(0, calls).filter(i -> cache.tryAcquire(key)).count();
    }

    @Test
    void grantsOnceAKeyPerWindow() {
        ThrottleCache cache = new ThrottleCache(WINDOW, clock, SharedThrottleStore.NONE, logged::add);
        assertEquals(1, granted(cache, "yahoo:SERVER_ERROR", 100));

        clock.advance(WINDOW.minusSeconds(1));
        assertEquals(0, granted(cache, "yahoo:SERVER_ERROR", 100), "still inside the window");

        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, granted(cache, "yahoo:SERVER_ERROR", 100), "window over: exactly one more");
    }

    @Test
    void eachKeyHasItsOwnWindow() {
        ThrottleCache cache = new ThrottleCache(WINDOW, clock, SharedThrottleStore.NONE, logged::add);
        assertTrue(cache.tryAcquire("yahoo:SERVER_ERROR"));
        assertTrue(cache.tryAcquire("yahoo:TIMEOUT"));
        assertTrue(cache.tryAcquire("finnhub:SERVER_ERROR"));
        assertFalse(cache.tryAcquire("yahoo:TIMEOUT"));
    }

    @Test
    void concurrentCallersGetOneYes() throws Exception {
        ThrottleCache cache = new ThrottleCache(WINDOW, clock, SharedThrottleStore.NONE, logged::add);
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
    void pruningExpiredEntriesKeepsTheLiveOnes() {
        ThrottleCache cache = new ThrottleCache(WINDOW, clock, SharedThrottleStore.NONE, logged::add);
        for (int i = 0; i < 50; i++) cache.tryAcquire("old-" + i);
        clock.advance(WINDOW.minusSeconds(1));
        assertTrue(cache.tryAcquire("live"));
        clock.advance(Duration.ofSeconds(2)); // the prune is due now: the old entries expired, "live" did not
        assertTrue(cache.tryAcquire("old-0"), "an expired entry grants again");
        assertFalse(cache.tryAcquire("live"), "the prune must not drop an entry still in its window");
    }

    @Test
    void sharedStoreIsAskedOnlyAfterLocalYes() {
        List<String> asked = new ArrayList<>();
        SharedThrottleStore store = (key, expiresAt, now) -> {
            asked.add(key + "@" + now + "->" + expiresAt);
            return true;
        };
        ThrottleCache cache = new ThrottleCache(WINDOW, clock, store, logged::add);
        assertEquals(1, granted(cache, "k", 100));
        assertEquals(List.of("k@2026-11-25T14:00:00Z->2026-11-25T14:30:00Z"), asked);
    }

    @Test
    void sharedNoIsRememberedLocally() {
        int[] asked = {0};
        ThrottleCache cache = new ThrottleCache(WINDOW, clock, (key, expiresAt, now) -> {
            asked[0]++;
            return false; // another container already sent it
        }, logged::add);
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
        }, logged::add);
        assertEquals(1, granted(cache, "k", 100));
        assertEquals(1, asked[0]);
        assertEquals(List.of("[Throttle] shared store failed for k, sending anyway: "
                + "java.lang.IllegalStateException: DynamoDB unreachable"), logged);
    }
}
