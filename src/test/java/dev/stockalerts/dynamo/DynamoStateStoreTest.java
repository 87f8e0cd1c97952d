package dev.stockalerts.dynamo;

import dev.stockalerts.alert.AlertState;
import dev.stockalerts.alert.Side;
import dev.stockalerts.state.DeliveryLedger;
import dev.stockalerts.state.StateStore.WriteOutcome;
import dev.stockalerts.testing.LocalDynamo;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The state adapter on DynamoDB Local: what it stores, in how many calls, at what capacity. */
class DynamoStateStoreTest {
    private final DynamoMetrics metrics = new DynamoMetrics();
    private final DynamoDbClient client = LocalDynamo.client(metrics);
    private final String table = LocalDynamo.newTable();
    private final DynamoStateStore store = new DynamoStateStore(client, table,
            new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), 4, d -> {}, new Random(1)));

    private static List<AlertState> states(int n) {
        return IntStream.range(0, n).mapToObj(i -> AlertState.initial("alert-" + i)
                .fired(Instant.parse("2026-11-23T14:00:00Z"), 100 + i, List.of())
                .withArmed(false).withSide(Side.ABOVE)).toList();
    }

    @Test
    void sixtyDirtyStatesTakeThreeBatchWriteCallsAndOneQueryToReadBack() {
        DynamoUsage before = metrics.snapshot();
        WriteOutcome outcome = store.writeBatch(states(60), List.of());
        DynamoUsage writes = metrics.snapshot().minus(before);

        assertEquals(60, outcome.written().size());
        assertEquals(3, writes.callsByOperation().get("BatchWriteItem"));
        assertEquals(60.0, writes.writeUnits(), 0.001); // one unit per small item, batch or not

        DynamoUsage beforeRead = metrics.snapshot();
        List<AlertState> loaded = store.loadAll().states();
        DynamoUsage reads = metrics.snapshot().minus(beforeRead);
        assertEquals(60, loaded.size());
        assertEquals(1, reads.calls());
        assertTrue(reads.readUnits() <= 1.5, "one eventually consistent page of small items: " + reads.readUnits());
        AlertState first = loaded.stream().filter(s -> s.alertId().equals("alert-0")).findFirst().orElseThrow();
        assertEquals(states(1).get(0).withVersion(1), first);
    }

    @Test
    void deletesGoInTheSameBatches() {
        store.writeBatch(states(3), List.of());
        WriteOutcome outcome = store.writeBatch(List.of(), List.of("alert-0", "alert-1"));
        assertEquals(2, outcome.written().size());
        assertEquals(List.of("alert-2"), store.loadAll().states().stream().map(AlertState::alertId).toList());
    }

    private static DeliveryLedger ledger(String id, AlertState... owing) {
        return new DeliveryLedger(id, 0, java.util.Arrays.stream(owing)
                .map(s -> new DeliveryLedger.Owed(s.alertId(), s.fireCount(), List.of("webhook"))).toList());
    }

    @Test
    void claimsSucceedOnTheExpectedVersionAndAreRefusedOtherwise() {
        AlertState fresh = states(1).get(0);
        assertEquals(1, store.claim(List.of(fresh), ledger("l1", fresh)).written().size());

        // A second container that still holds version 0 is refused: the item exists now.
        WriteOutcome stale = store.claim(List.of(fresh.withSide(Side.BELOW)), ledger("l2", fresh));
        assertEquals(List.of("alert-0"), List.copyOf(stale.refused()));
        assertEquals(Side.ABOVE, store.load("alert-0").orElseThrow().side());
        assertEquals(List.of("l1"), store.loadLedgers().stream().map(DeliveryLedger::id).toList(), "no ledger for a refused claim");

        // Built on version 1, it goes through and becomes version 2; a refused state in the same
        // transaction does not keep the others out, and the ledger holds only what was claimed.
        AlertState current = store.load("alert-0").orElseThrow();
        AlertState staleOther = AlertState.initial("other");
        store.claim(List.of(staleOther), ledger("l3"));
        AlertState added = AlertState.initial("new");
        WriteOutcome mixed = store.claim(List.of(current.withSide(Side.BELOW), staleOther, added),
                ledger("l4", current, staleOther, added));
        assertEquals(List.of("alert-0", "new"), List.copyOf(mixed.written()));
        assertEquals(List.of("other"), List.copyOf(mixed.refused()));
        assertEquals(2, store.load("alert-0").orElseThrow().version());
        DeliveryLedger l4 = store.loadLedgers().stream().filter(l -> l.id().equals("l4")).findFirst().orElseThrow();
        assertEquals(List.of("alert-0", "new"), l4.owed().stream().map(DeliveryLedger.Owed::alertId).toList());
    }

    @Test
    void ledgersAreRetriedByOneClaimantAndSettled() {
        AlertState fired = states(1).get(0);
        DeliveryLedger ledger = ledger("l1", fired);
        store.claim(List.of(fired), ledger);
        assertEquals(List.of("webhook"), store.load("alert-0").orElseThrow().pendingChannels());

        assertTrue(store.claimRetry(ledger));
        assertFalse(store.claimRetry(ledger), "a second claimant of the same attempt is refused");

        store.settle("l1", List.of());
        assertEquals(List.of(), store.loadLedgers());
        assertEquals(List.of(), store.load("alert-0").orElseThrow().pendingChannels());
    }
}
