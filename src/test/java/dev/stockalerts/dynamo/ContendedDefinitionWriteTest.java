package dev.stockalerts.dynamo;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.Condition;
import dev.stockalerts.alert.RearmPolicy;
import dev.stockalerts.check.RuntimeConfig;
import dev.stockalerts.manage.AlertAdmin;
import dev.stockalerts.testing.LocalDynamo;
import dev.stockalerts.time.Deadline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A definition change meeting DynamoDB's contention (a TransactionConflict, throttling) on DynamoDB Local, the faults
 * injected into the client's TransactWriteItems attempts: retried until it lands within the deadline, or given up as
 * {@link AlertAdmin.Busy} at the deadline with nothing written.
 */
class ContendedDefinitionWriteTest {
    private static final Alert ALERT = new Alert("a-1", "AAPL", Condition.ABOVE, 200, RearmPolicy.once(), List.of("webhook"),
            Instant.parse("2026-11-23T14:00:00Z"));

    private final String table = LocalDynamo.newTable();
    private final DynamoDbClient plain = LocalDynamo.client(new DynamoMetrics());
    private TransactionFaults faults;
    private DynamoDbClient faulty;

    @AfterEach
    void close() {
        plain.close();
        if (faulty != null) faulty.close();
    }

    private DynamoAlertRepository repository(TransactionFaults injected) {
        faults = injected;
        faulty = injected.client(new DynamoMetrics());
        return new DynamoAlertRepository(faulty, table);
    }

    private long revision() {
        return new DynamoConfigStore(plain, table, Shard.ONLY).load().map(RuntimeConfig::alertsRevision).orElse(0L);
    }

    @Test
    void aTransactionConflictIsRetriedAndTheChangeLandsOnce() {
        AlertAdmin alerts = repository(TransactionFaults.conflicts(3));
        Deadline deadline = Deadline.in(Duration.ofSeconds(5));

        assertEquals(AlertAdmin.Created.CREATED, alerts.create(ALERT, 10, deadline));

        assertTrue(faults.attempts() >= 4, "three refused, then one more: " + faults.attempts());
        assertEquals(Optional.of(ALERT), new DynamoAlertRepository(plain, table).get("a-1"));
        assertEquals(1, revision(), "the revision moved once");
    }

    @Test
    void theRetriesOfAContendedChangePauseThroughItsBackoff() {
        List<Duration> pauses = new ArrayList<>();
        faults = TransactionFaults.conflicts(3);
        faulty = faults.client(new DynamoMetrics());
        AlertAdmin alerts = new DynamoAlertRepository(faulty, table, 1,
                new Backoff(Duration.ofMillis(50), Duration.ofSeconds(2), 6, pauses::add, new Random(3)));

        assertEquals(AlertAdmin.Created.CREATED, alerts.create(ALERT, 10, Deadline.in(Duration.ofSeconds(5))));

        assertEquals(3, pauses.size(), "one pause before each attempt after a conflict, none slept: " + pauses);
        assertTrue(pauses.get(2).toMillis() <= 200, "the third within 50 ms * 2^2: " + pauses);
        assertEquals(1, revision());
    }

    @Test
    void throttlingIsRetriedUntilItClears() {
        AlertAdmin alerts = repository(TransactionFaults.throttles(2));
        new DynamoAlertRepository(plain, table).create(ALERT, 10, Deadline.none());

        assertTrue(alerts.requestRearm("a-1", Instant.parse("2026-11-23T15:00:00Z"), Deadline.in(Duration.ofSeconds(8))));

        assertEquals(Instant.parse("2026-11-23T15:00:00Z"), new DynamoAlertRepository(plain, table).get("a-1").orElseThrow().rearmRequestedAt());
        assertEquals(2, revision());
    }

    @Test
    void aConflictThatOutlastsTheDeadlineIsBusyAndWritesNothing() {
        AlertAdmin alerts = repository(TransactionFaults.conflicts(Integer.MAX_VALUE));
        long started = System.nanoTime();

        AlertAdmin.Busy busy = assertThrows(AlertAdmin.Busy.class, () -> alerts.create(ALERT, 10, Deadline.in(Duration.ofMillis(400))));

        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        // By the deadline, give or take a loaded machine's scheduling (the grace every deadline wait allows).
        assertTrue(elapsedMillis < 400 + Deadline.TIMER_GRACE.toMillis(), "gave up at the deadline: " + elapsedMillis + " ms");
        assertInstanceOf(TransactionCanceledException.class, busy.getCause());
        assertTrue(faults.attempts() > 1, "retried before giving up: " + faults.attempts());
        assertEquals(Optional.empty(), new DynamoAlertRepository(plain, table).get("a-1"));
        assertEquals(0, revision());
    }

    @Test
    void throttlingThatOutlastsTheDeadlineIsBusyAtTheDeadline() {
        AlertAdmin alerts = repository(TransactionFaults.throttles(Integer.MAX_VALUE));
        new DynamoAlertRepository(plain, table).create(ALERT, 10, Deadline.none());
        long started = System.nanoTime();

        AlertAdmin.Busy busy = assertThrows(AlertAdmin.Busy.class, () -> alerts.delete("a-1", Deadline.in(Duration.ofMillis(700))));

        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(elapsedMillis < 900, "the SDK's own retries are cut at the deadline too: " + elapsedMillis + " ms");
        assertTrue(busy.getCause() instanceof ProvisionedThroughputExceededException
                || busy.getCause().getClass().getSimpleName().startsWith("ApiCall"), String.valueOf(busy.getCause()));
        assertEquals(Optional.of(ALERT), new DynamoAlertRepository(plain, table).get("a-1"));
        assertEquals(1, revision());
    }
}
