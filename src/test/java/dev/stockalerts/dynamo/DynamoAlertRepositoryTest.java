package dev.stockalerts.dynamo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.Condition;
import dev.stockalerts.alert.RearmPolicy;
import dev.stockalerts.testing.LocalDynamo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The single-alert operations the API uses, on DynamoDB Local. */
class DynamoAlertRepositoryTest {
    private static final Instant CREATED = Instant.parse("2026-11-23T14:00:00Z");

    private final DynamoMetrics metrics = new DynamoMetrics();
    private final DynamoDbClient client = LocalDynamo.client(metrics);
    private final DynamoAlertRepository alerts = new DynamoAlertRepository(client, LocalDynamo.newTable());

    @AfterEach
    void close() {
        client.close();
    }

    private static Alert alert(String id, RearmPolicy rearm) {
        return new Alert(id, "BRK-B", Condition.CROSSES_BELOW, 401.5, rearm, List.of("webhook", "console"), CREATED);
    }

    @Test
    void createIsConditionalAndEveryPolicyRoundTrips() {
        Alert once = alert("a-once", RearmPolicy.once());
        Alert rearm = alert("a-rearm", RearmPolicy.rearm(2.5));
        Alert cooldown = alert("a-cool", RearmPolicy.cooldown(Duration.ofMinutes(90)));
        for (Alert a : List.of(once, rearm, cooldown)) {
            assertTrue(alerts.create(a));
            assertEquals(Optional.of(a), alerts.get(a.id()));
        }
        assertFalse(alerts.create(alert("a-once", RearmPolicy.rearm(1))), "an existing id is never overwritten");
        assertEquals(Optional.of(once), alerts.get("a-once"));
        assertEquals(3, alerts.loadAll().size());
        assertEquals(Optional.empty(), alerts.get("nope"));
    }

    @Test
    void deleteReportsWhetherTheAlertExisted() {
        alerts.create(alert("a-1", RearmPolicy.once()));
        assertTrue(alerts.delete("a-1"));
        assertFalse(alerts.delete("a-1"));
        assertEquals(Optional.empty(), alerts.get("a-1"));
    }

    @Test
    void rearmRequestIsRecordedOnTheDefinitionAndNeverCreatesAnItem() {
        alerts.create(alert("a-1", RearmPolicy.once()));
        Instant at = CREATED.plusSeconds(600);
        assertTrue(alerts.requestRearm("a-1", at));
        assertEquals(at, alerts.get("a-1").orElseThrow().rearmRequestedAt());
        assertEquals(alert("a-1", RearmPolicy.once()).symbol(), alerts.get("a-1").orElseThrow().symbol());

        assertFalse(alerts.requestRearm("ghost", at));
        assertEquals(Optional.empty(), alerts.get("ghost"));
        assertEquals(1, alerts.loadAll().size());
    }

    @Test
    void everyCallReportsConsumedCapacity() {
        alerts.create(alert("a-1", RearmPolicy.once()));
        alerts.get("a-1");
        alerts.requestRearm("a-1", CREATED);
        alerts.delete("a-1");
        DynamoUsage used = metrics.snapshot();
        assertEquals(4, used.calls());
        assertTrue(used.readUnits() >= 1, "strongly consistent GetItem: 1 RCU, got " + used.readUnits());
        assertTrue(used.writeUnits() >= 3, "three writes of a small item: 1 WCU each, got " + used.writeUnits());
    }
}
