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
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Two containers of one shard overlapping, as a duplicate or late scheduled event, or a manual invoke, makes them:
 * one holds a queued change of an alert's state while the other claims a firing of that alert. The stale change must
 * not overwrite the claim, even when the holder's reads are served by a replica that has not seen the claim yet.
 */
class OverlappingContainersTest {
    /** Monday 15:40 in New York: twenty minutes of the session left. */
    private static final Instant START = Instant.parse("2026-11-23T20:40:00Z");
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private final CronHarness harness = new CronHarness(START);
    private final FaultyDynamoProxy proxy = FaultyDynamoProxy.inFrontOfLocalDynamo();

    @AfterEach
    void close() {
        proxy.close();
        harness.close();
    }

    private AlertState stored() {
        return harness.states(s -> s.load("x").orElseThrow());
    }

    @Test
    void aStaleQueuedChangeIsRefusedTheFiringIsSentOnceAndTheClaimedStateStays() {
        harness.putAlert(new Alert("x", "AAPL", Condition.CROSSES_BELOW, 200, RearmPolicy.once(), List.of("webhook"),
                START, null, null, 1, 1, "XNYS"));
        CronHarness.Container b = harness.container();

        harness.market.set("AAPL", 195);
        b.run(); // learns the side and flushes it at the end of its first run
        assertEquals(Side.BELOW, stored().side());
        long observed = stored().version();

        // A starts on the other side of the level: a change of side that fires nothing, queued until A's flush,
        // whose first attempt fails.
        harness.clock.advance(FIVE_MINUTES);
        harness.market.set("AAPL", 205);
        CronHarness.Container a = harness.dynamo(proxy.endpoint()).container();
        harness.dynamo(LocalDynamo.endpoint());
        DynamoFaultRule failing = proxy.on("BatchWriteItem").internalError();
        a.run();
        failing.remove();
        assertEquals(1, a.components().cache().getCacheStats(harness.clock.instant()).pendingWrites());

        harness.clock.advance(FIVE_MINUTES);
        b.run();
        harness.clock.advance(FIVE_MINUTES);
        harness.market.set("AAPL", 195);
        b.run(); // crosses below: B claims the firing and sends it
        AlertState claimed = stored();
        assertEquals(1, claimed.fireCount());
        assertEquals(observed + 1, claimed.version());
        assertEquals(1, harness.webhook.bodies().size());

        // The session is over: A checks nothing, but its flush is due (an hour after its first run). Its eventually
        // consistent reads would still show the state from before the claim.
        harness.clock.advance(Duration.ofMinutes(50));
        proxy.on("Query").staleRead();
        proxy.on("GetItem").staleRead();
        a.run();

        assertEquals(claimed, stored(), "the claimed state stays: " + proxy.describe());
        assertEquals(claimed, a.components().cache().state("x"), "A adopted it");
        assertEquals(0, a.components().cache().getCacheStats(harness.clock.instant()).pendingWrites());
        assertFalse(stored().armed());

        // Next morning a new container finds the alert fired and disarmed: the crossing is not sent again.
        harness.clock.advance(Duration.ofHours(16).plusMinutes(50));
        harness.container().run();
        assertEquals(1, harness.webhook.bodies().size(), "sent once: " + harness.webhook.bodies());
    }
}
