package dev.stockalerts.dynamo;

import dev.stockalerts.testing.LocalDynamo;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** THROTTLE_SHARED=true on DynamoDB Local: one holder per key until its expiry, whoever asks. */
class DynamoThrottleStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-23T14:00:00Z");
    private static final Duration WINDOW = Duration.ofHours(1);

    private final String table = LocalDynamo.newTable();
    private final DynamoThrottleStore containerA = new DynamoThrottleStore(LocalDynamo.client(new DynamoMetrics()), table);
    private final DynamoThrottleStore containerB = new DynamoThrottleStore(LocalDynamo.client(new DynamoMetrics()), table);

    @Test
    void aKeyIsHeldAcrossContainersUntilItExpires() {
        assertTrue(containerA.tryAcquire("yahoo:SERVER_ERROR", T0.plus(WINDOW), T0));
        assertFalse(containerB.tryAcquire("yahoo:SERVER_ERROR", T0.plusSeconds(60).plus(WINDOW), T0.plusSeconds(60)));
        assertTrue(containerB.tryAcquire("yahoo:TIMEOUT", T0.plus(WINDOW), T0), "keys are independent");

        // Expired by its own expiresAt, whether or not DynamoDB's TTL sweeper has deleted it yet.
        Instant later = T0.plus(WINDOW);
        assertTrue(containerB.tryAcquire("yahoo:SERVER_ERROR", later.plus(WINDOW), later));
        assertFalse(containerA.tryAcquire("yahoo:SERVER_ERROR", later.plus(WINDOW), later));
    }
}
