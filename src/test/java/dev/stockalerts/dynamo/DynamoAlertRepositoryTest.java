package dev.stockalerts.dynamo;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.Condition;
import dev.stockalerts.alert.RearmPolicy;
import dev.stockalerts.check.StoreUsage;
import dev.stockalerts.manage.AlertAdmin;
import dev.stockalerts.manage.RequestMark;
import dev.stockalerts.testing.LocalDynamo;
import dev.stockalerts.time.Deadline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The single-alert operations the API uses, on DynamoDB Local. */
class DynamoAlertRepositoryTest {
    private static final Instant CREATED = Instant.parse("2026-11-23T14:00:00Z");
    private static final Deadline NONE = Deadline.none();
    private static final int CAP = 10_000;

    private final DynamoMetrics metrics = new DynamoMetrics();
    private final DynamoDbClient client = LocalDynamo.client(metrics);
    private final String table = LocalDynamo.newTable();
    private final DynamoAlertRepository alerts = new DynamoAlertRepository(client, table);
    private final DynamoConfigStore config = new DynamoConfigStore(client, table, Shard.ONLY);

    @AfterEach
    void close() {
        client.close();
    }

    private static Alert alert(String id, RearmPolicy rearm) {
        return new Alert(id, "BRK-B", Condition.CROSSES_BELOW, 401.5, rearm, List.of("webhook", "console"), CREATED);
    }

    private Map<String, Long> configNumbers() {
        var item = Items.get(client, table, DynamoConfigStore.KEY, true).orElseThrow();
        return Map.of("revision", Items.integer(item, Shard.REVISION, -1),
                "count", Items.integer(item, AlertCount.ATTRIBUTE, -1));
    }

    @Test
    void createIsConditionalAndEveryPolicyRoundTrips() {
        Alert once = alert("a-once", RearmPolicy.once());
        Alert rearm = alert("a-rearm", RearmPolicy.rearm(2.5));
        Alert cooldown = alert("a-cool", RearmPolicy.cooldown(Duration.ofMinutes(90)));
        for (Alert a : List.of(once, rearm, cooldown)) {
            assertEquals(AlertAdmin.Created.CREATED, alerts.create(a, CAP, NONE));
            assertEquals(Optional.of(a), alerts.get(a.id()));
        }
        assertEquals(AlertAdmin.Created.ID_TAKEN, alerts.create(alert("a-once", RearmPolicy.rearm(1)), CAP, NONE),
                "an existing id is never overwritten");
        assertEquals(Optional.of(once), alerts.get("a-once"));
        assertEquals(3, alerts.loadAll().size());
        assertEquals(Optional.empty(), alerts.get("nope"));
        assertEquals(Map.of("revision", 3L, "count", 3L), configNumbers());
    }

    @Test
    void deleteReportsWhetherTheAlertExistedAndCountsDown() {
        alerts.create(alert("a-1", RearmPolicy.once()), CAP, NONE);
        assertTrue(alerts.delete("a-1", NONE));
        assertFalse(alerts.delete("a-1", NONE));
        assertEquals(Optional.empty(), alerts.get("a-1"));
        assertEquals(Map.of("revision", 2L, "count", 0L), configNumbers());
    }

    @Test
    void theCapRefusesTheCreateThatWouldPassItAndADeleteMakesRoom() {
        assertEquals(AlertAdmin.Created.CREATED, alerts.create(alert("a-1", RearmPolicy.once()), 2, NONE));
        assertEquals(AlertAdmin.Created.CREATED, alerts.create(alert("a-2", RearmPolicy.once()), 2, NONE));
        assertEquals(AlertAdmin.Created.CAP_REACHED, alerts.create(alert("a-3", RearmPolicy.once()), 2, NONE));
        assertEquals(Optional.empty(), alerts.get("a-3"));
        assertEquals(Map.of("revision", 2L, "count", 2L), configNumbers(), "a refused create changes nothing");

        alerts.delete("a-1", NONE);
        assertEquals(AlertAdmin.Created.CREATED, alerts.create(alert("a-3", RearmPolicy.once()), 2, NONE));
    }

    @Test
    void aTableFromBeforeTheCountIsCountedOnceThenKeptByTheTransactions() {
        // Alerts written before the count existed, and a config item with a revision but no count.
        IntStream.range(0, 4).forEach(i -> alerts.put(alert("old-" + i, RearmPolicy.once())));
        client.updateItem(b -> b.tableName(table).key(DynamoConfigStore.KEY)
                .updateExpression("SET alertsRevision = :r").expressionAttributeValues(Map.of(":r", Items.n(17L))));

        assertEquals(AlertAdmin.Created.CAP_REACHED, alerts.create(alert("new-1", RearmPolicy.once()), 4, NONE),
                "four alerts exist: a cap of four is reached");
        assertEquals(Map.of("revision", 17L, "count", 4L), configNumbers());
        assertEquals(AlertAdmin.Created.CREATED, alerts.create(alert("new-1", RearmPolicy.once()), 5, NONE));
        assertTrue(alerts.delete("old-0", NONE));
        assertEquals(Map.of("revision", 19L, "count", 4L), configNumbers());
    }

    @Test
    void aDeleteOnATableFromBeforeTheCountCountsFirst() {
        IntStream.range(0, 3).forEach(i -> alerts.put(alert("old-" + i, RearmPolicy.once())));
        assertTrue(alerts.delete("old-1", NONE));
        assertEquals(Map.of("revision", 1L, "count", 2L), configNumbers());
    }

    @Test
    void anEditReplacesTheEditableFieldsIfTheRevisionIsStillTheOneItWasMadeFrom() {
        Alert original = alert("a-1", RearmPolicy.rearm(2.5));
        alerts.create(original, CAP, NONE);
        Instant rearmAt = CREATED.plusSeconds(60);
        alerts.requestRearm("a-1", rearmAt, NONE); // recorded after the edit below was read: must survive it

        Alert edited = original.edited(Condition.CROSSES_ABOVE, 420, RearmPolicy.cooldown(Duration.ofHours(2)), List.of("sns"), "earnings", null);
        assertEquals(AlertAdmin.Edited.EDITED, alerts.edit(edited, 1, NONE));

        Alert stored = alerts.get("a-1").orElseThrow();
        assertEquals(new Alert("a-1", "BRK-B", Condition.CROSSES_ABOVE, 420, RearmPolicy.cooldown(Duration.ofHours(2)),
                List.of("sns"), CREATED, rearmAt, "earnings", 2, 2, null), stored);
        assertEquals(AlertAdmin.Edited.STALE, alerts.edit(edited.edited(Condition.ABOVE, 1, null, null, null, null), 1, NONE),
                "made from revision 1, which is gone");
        assertEquals(AlertAdmin.Edited.NOT_FOUND, alerts.edit(alert("ghost", RearmPolicy.once()), 1, NONE));
        assertEquals(Optional.empty(), alerts.get("ghost"));

        Alert noteRemoved = stored.edited(stored.condition(), stored.level(), RearmPolicy.rearm(0), stored.channels(), null, null);
        assertEquals(AlertAdmin.Edited.EDITED, alerts.edit(noteRemoved, 2, NONE));
        assertNull(alerts.get("a-1").orElseThrow().note(), "an optional field left out is removed");
        assertEquals(Map.of("revision", 4L, "count", 1L), configNumbers(), "created, re-arm requested, two edits");
    }

    @Test
    void anItemFromBeforeRevisionsIsAtRevisionOneAndEditable() {
        alerts.put(alert("old", RearmPolicy.once()));
        Alert stored = alerts.get("old").orElseThrow();
        assertEquals(1, stored.revision());
        assertEquals(AlertAdmin.Edited.EDITED, alerts.edit(stored.edited(Condition.BELOW, 300, null, null, "n", null), 1, NONE));
        assertEquals(2, alerts.get("old").orElseThrow().triggerRevision());
    }

    @Test
    void pagesFollowTheIdsAndSayWhereToContinue() {
        IntStream.range(0, 5).forEach(i -> alerts.put(alert("a-" + i, RearmPolicy.once())));
        AlertAdmin.Page first = alerts.page(2, null);
        assertEquals(List.of("a-0", "a-1"), first.alerts().stream().map(Alert::id).toList());
        assertEquals("a-1", first.last());
        AlertAdmin.Page second = alerts.page(2, first.last());
        assertEquals(List.of("a-2", "a-3"), second.alerts().stream().map(Alert::id).toList());
        AlertAdmin.Page last = alerts.page(2, second.last());
        assertEquals(List.of("a-4"), last.alerts().stream().map(Alert::id).toList());
        assertNull(last.last(), "no empty page after the last");
        assertNull(alerts.page(5, null).last(), "exactly one page");
        assertEquals(new AlertAdmin.Page(List.of(), null), alerts.page(3, "a-4"));
    }

    @Test
    void rearmRequestIsRecordedOnTheDefinitionAndNeverCreatesAnItem() {
        alerts.create(alert("a-1", RearmPolicy.once()), CAP, NONE);
        Instant at = CREATED.plusSeconds(600);
        assertTrue(alerts.requestRearm("a-1", at, NONE));
        assertEquals(at, alerts.get("a-1").orElseThrow().rearmRequestedAt());

        assertFalse(alerts.requestRearm("ghost", at, NONE));
        assertEquals(Optional.empty(), alerts.get("ghost"));
        assertEquals(1, alerts.loadAll().size());
    }

    @Test
    void everyCallReportsConsumedCapacity() {
        alerts.create(alert("a-1", RearmPolicy.once()), CAP, NONE); // a fresh table: the count is set on the way
        StoreUsage before = metrics.snapshot();
        alerts.get("a-1");
        alerts.requestRearm("a-1", CREATED, NONE);
        alerts.delete("a-1", NONE);
        StoreUsage used = metrics.snapshot().minus(before);
        assertEquals(3, used.calls());
        assertTrue(used.readUnits() >= 1, "strongly consistent GetItem: 1 RCU, got " + used.readUnits());
        assertTrue(used.writeUnits() >= 2, "two writes of small items: 1 WCU each, got " + used.writeUnits());
    }

    @Test
    void aChangeWithARequestMarkIsMadeOnceAndItsRepeatWritesNothing() {
        Instant expires = CREATED.plus(Duration.ofDays(1));
        Alert inChat = new Alert("a-chat", "AAPL", Condition.ABOVE, 200, null, List.of("telegram"), CREATED, null, "note", 1, 1,
                null, "424242");
        RequestMark created = new RequestMark("telegram/424242/1", "Alert set", expires);
        assertEquals(AlertAdmin.Created.CREATED, alerts.create(inChat, CAP, NONE, created));
        assertEquals(Optional.of(inChat), alerts.get("a-chat"), "the chat is stored with the definition");
        assertEquals(List.of(inChat), alerts.ofTelegramChat("424242"));
        assertEquals(List.of(), alerts.ofTelegramChat("999"));
        Map<String, Long> afterCreate = configNumbers();

        Alert again = new Alert("a-chat-2", "AAPL", Condition.ABOVE, 200, null, List.of("telegram"), CREATED, null, null, 1, 1,
                null, "424242");
        assertEquals(AlertAdmin.Created.REPEATED, alerts.create(again, CAP, NONE, created));
        assertEquals(Optional.empty(), alerts.get("a-chat-2"));
        assertEquals(afterCreate, configNumbers(), "no revision bump, no count");
        assertEquals(Optional.of("Alert set"), new DynamoRequestMarks(client, table).answerTo("telegram/424242/1"));
        assertEquals(Optional.empty(), new DynamoRequestMarks(client, table).answerTo("telegram/424242/2"));
        var mark = Items.get(client, table, Items.key("REQUEST", "telegram/424242/1"), true).orElseThrow();
        assertEquals(expires.getEpochSecond(), Items.integer(mark, Items.EXPIRES_AT, 0), "DynamoDB's TTL forgets it");

        RequestMark rearm = new RequestMark("telegram/424242/2", "Re-arm requested", expires);
        assertEquals(AlertAdmin.Changed.CHANGED, alerts.requestRearm("a-chat", CREATED.plusSeconds(60), NONE, rearm));
        assertEquals(AlertAdmin.Changed.REPEATED, alerts.requestRearm("a-chat", CREATED.plusSeconds(120), NONE, rearm));
        assertEquals(CREATED.plusSeconds(60), alerts.get("a-chat").orElseThrow().rearmRequestedAt());

        RequestMark delete = new RequestMark("telegram/424242/3", "Deleted", expires);
        assertEquals(AlertAdmin.Changed.NOT_FOUND, alerts.delete("nope", NONE, delete));
        assertEquals(AlertAdmin.Changed.CHANGED, alerts.delete("a-chat", NONE, delete));
        assertEquals(AlertAdmin.Changed.REPEATED, alerts.delete("a-chat", NONE, delete));
        assertEquals(0, configNumbers().get("count"));
    }
}
