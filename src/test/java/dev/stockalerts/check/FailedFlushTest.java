package dev.stockalerts.check;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.AlertState;
import dev.stockalerts.alert.Condition;
import dev.stockalerts.alert.RearmPolicy;
import dev.stockalerts.alert.Side;
import dev.stockalerts.testing.CronHarness;
import dev.stockalerts.testing.DynamoFaultRule;
import dev.stockalerts.testing.FaultyDynamoProxy;
import dev.stockalerts.testing.LocalDynamo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A flush that fails leaves its changes queued and is tried again on the next run, not an interval later; a container
 * recycled before that keeps what the README says survives (every firing, claimed before it was sent) and loses only
 * the queued changes that fired nothing, which the next run learns again from the price.
 */
class FailedFlushTest {
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private final CronHarness harness = new CronHarness();
    private final FaultyDynamoProxy proxy = FaultyDynamoProxy.inFrontOfLocalDynamo();
    private CronHarness.Container container;

    @AfterEach
    void close() {
        proxy.close();
        harness.close();
    }

    /** f fires at once; s (crossing above 210) only learns its side. The first flush's batch write fails. */
    @BeforeEach
    void aFirstRunWhoseFlushFails() {
        harness.market.set("AAPL", 205);
        harness.putAlert(new Alert("f", "AAPL", Condition.ABOVE, 200, RearmPolicy.once(), List.of("webhook"), CronHarness.T0));
        harness.putAlert(new Alert("s", "AAPL", Condition.CROSSES_ABOVE, 210, RearmPolicy.once(), List.of("webhook"), CronHarness.T0));
        container = harness.dynamo(proxy.endpoint()).container();
        harness.dynamo(LocalDynamo.endpoint());
        // The flush reads its batch's stored versions, then writes: that write fails, the SDK's retries included (the
        // settlement before it lands).
        AtomicReference<DynamoFaultRule> failing = new AtomicReference<>();
        proxy.on("BatchGetItem").next(1).forwardThen(() -> failing.set(proxy.on("BatchWriteItem").internalError()));

        container.run();
        failing.get().remove();

        assertEquals(1, stored("f").map(AlertState::fireCount).orElse(0), "the firing was claimed before it was sent");
        assertEquals(Optional.empty(), stored("s"), "the observed side is still queued: " + proxy.describe());
        assertEquals(1, container.components().cache().getCacheStats(harness.clock.instant()).pendingWrites());
        assertEquals(1, harness.webhook.bodies().size());
        assertTrue(harness.log.stream().anyMatch(l -> l.contains("1 stay queued for the next run")), harness.log::toString);
    }

    private Optional<AlertState> stored(String id) {
        return harness.states(s -> s.load(id));
    }

    @Test
    void theNextRunWritesWhatTheFailedFlushLeftQueued() {
        harness.clock.advance(FIVE_MINUTES);
        container.run();

        assertEquals(Side.BELOW, stored("s").orElseThrow().side());
        assertEquals(0, container.components().cache().getCacheStats(harness.clock.instant()).pendingWrites());
        assertEquals(1, harness.webhook.bodies().size());
    }

    @Test
    void aRecycledContainerKeepsTheFiringAndLearnsTheUnwrittenSideAgain() {
        harness.clock.advance(FIVE_MINUTES);
        CronHarness.Container recycled = harness.container();
        recycled.run();

        AlertState f = stored("f").orElseThrow();
        assertFalse(f.armed());
        assertEquals(1, f.fireCount());
        assertEquals(1, harness.webhook.bodies().size(), "the firing is not sent again");
        assertEquals(Side.BELOW, stored("s").orElseThrow().side(), "re-derived from the price and flushed by the new container");
    }
}
