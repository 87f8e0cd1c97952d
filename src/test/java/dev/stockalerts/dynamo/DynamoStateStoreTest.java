package dev.stockalerts.dynamo;

import dev.stockalerts.alert.AlertState;
import dev.stockalerts.alert.Side;
import dev.stockalerts.check.StoreUsage;
import dev.stockalerts.state.StateStore.WriteOutcome;
import dev.stockalerts.testing.LocalDynamo;
import dev.stockalerts.time.Deadline;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The state adapter on DynamoDB Local: what it stores, in how many calls, at what capacity. */
class DynamoStateStoreTest {
    private final DynamoMetrics metrics = new DynamoMetrics();
    private final DynamoDbClient client = LocalDynamo.client(metrics);
    private final String table = LocalDynamo.newTable();
    private final DynamoStateStore store = new DynamoStateStore(client, table,
            new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), 4, d -> {}, new Random(1)), line -> {});

    private static List<AlertState> states(int n) {
        return IntStream.range(0, n).mapToObj(i -> AlertState.initial("alert-" + i)
                .fired(Instant.parse("2026-11-23T14:00:00Z"), 100 + i)
                .withArmed(false).withSide(Side.ABOVE)).toList();
    }

    @Test
    void sixtyDirtyStatesTakeThreeBatchWriteCallsAndOneQueryToReadBack() {
        StoreUsage before = metrics.snapshot();
        WriteOutcome outcome = store.writeBatch(states(60), List.of(), Deadline.none());
        StoreUsage writes = metrics.snapshot().minus(before);

        assertEquals(60, outcome.written().size());
        assertEquals(3, writes.callsByOperation().get("BatchWriteItem"));
        assertEquals(60.0, writes.writeUnits(), 0.001); // one unit per small item, batch or not

        StoreUsage beforeRead = metrics.snapshot();
        List<AlertState> loaded = store.loadAll().states();
        StoreUsage reads = metrics.snapshot().minus(beforeRead);
        assertEquals(60, loaded.size());
        assertEquals(1, reads.calls());
        assertTrue(reads.readUnits() <= 1.5, "one eventually consistent page of small items: " + reads.readUnits());
        AlertState first = loaded.stream().filter(s -> s.alertId().equals("alert-0")).findFirst().orElseThrow();
        assertEquals(states(1).get(0).withVersion(1), first);
    }

    @Test
    void deletesGoInTheSameBatches() {
        store.writeBatch(states(3), List.of(), Deadline.none());
        WriteOutcome outcome = store.writeBatch(List.of(), List.of("alert-0", "alert-1"), Deadline.none());
        assertEquals(2, outcome.written().size());
        assertEquals(List.of("alert-2"), store.loadAll().states().stream().map(AlertState::alertId).toList());
    }

    @Test
    void batchesThatDoNotFitBeforeTheDeadlineStayUnwritten() {
        WriteOutcome outcome = store.writeBatch(states(30), List.of(), Deadline.in(Duration.ZERO));
        assertEquals(30, outcome.failed().size());
        assertTrue(store.loadAll().states().isEmpty());
    }
}
