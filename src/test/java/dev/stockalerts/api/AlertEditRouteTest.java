package dev.stockalerts.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.Condition;
import dev.stockalerts.alert.RearmPolicy;
import dev.stockalerts.check.RuntimeConfig;
import dev.stockalerts.dynamo.DynamoAlertRepository;
import dev.stockalerts.dynamo.DynamoConfigStore;
import dev.stockalerts.dynamo.DynamoMetrics;
import dev.stockalerts.dynamo.Shard;
import dev.stockalerts.testing.ApiEvents;
import dev.stockalerts.testing.CronHarness;
import dev.stockalerts.testing.LocalDynamo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PATCH /alerts/{id}: a JSON merge patch of the alert, validated like a create, through the handler on DynamoDB Local. */
class AlertEditRouteTest {
    private final CronHarness env = new CronHarness();
    private final CronHarness.ApiContainer api = env.api();
    private final DynamoDbClient client = LocalDynamo.client(new DynamoMetrics());
    private final DynamoAlertRepository alerts = new DynamoAlertRepository(client, env.table);
    private final String id;

    AlertEditRouteTest() {
        env.market.list("AAPL", 190);
        APIGatewayProxyResponseEvent created = api.call("POST", "/alerts",
                "{\"symbol\":\"AAPL\",\"condition\":\"ABOVE\",\"level\":200,\"rearm\":{\"policy\":\"REARM\",\"hysteresis\":2},\"note\":\"first\"}");
        assertEquals(201, created.getStatusCode(), created.getBody());
        id = ApiEvents.json(created.getBody()).get("id").asText();
    }

    @AfterEach
    void close() {
        client.close();
        env.close();
    }

    private APIGatewayProxyResponseEvent patch(String body) {
        return api.call("PATCH", "/alerts/" + id, body);
    }

    private long revision() {
        return new DynamoConfigStore(client, env.table, Shard.ONLY).load().map(RuntimeConfig::alertsRevision).orElse(0L);
    }

    @Test
    void aNewLevelIsStoredWithTheNextRevisionAndANewTriggerRevision() {
        APIGatewayProxyResponseEvent response = patch("{\"level\":210.5}");

        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode body = ApiEvents.json(response.getBody());
        assertEquals(210.5, body.get("level").asDouble());
        assertEquals(2, body.get("revision").asInt());
        assertEquals("first", body.get("note").asText(), "what the patch leaves out stays");
        Alert stored = alerts.get(id).orElseThrow();
        assertEquals(210.5, stored.level());
        assertEquals(2, stored.triggerRevision(), "the scheduled run will reset side and armed");
        assertEquals(2, revision(), "created, edited: the change reaches the next run");
    }

    @Test
    void nestedObjectsMergeAndNullRemoves() {
        JsonNode body = ApiEvents.json(patch("{\"rearm\":{\"hysteresis\":5},\"note\":null,\"channels\":[\"console\"]}").getBody());
        assertEquals("{\"policy\":\"REARM\",\"hysteresis\":5.0}", body.get("rearm").toString());
        assertTrue(body.get("note").isNull());
        assertEquals("[\"console\"]", body.get("channels").toString());

        body = ApiEvents.json(patch("{\"rearm\":{\"policy\":\"COOLDOWN\",\"hysteresis\":null,\"cooldown\":\"PT30M\"}}").getBody());
        assertEquals("{\"policy\":\"COOLDOWN\",\"cooldown\":\"PT30M\"}", body.get("rearm").toString());
        Alert stored = alerts.get(id).orElseThrow();
        assertEquals(RearmPolicy.cooldown(Duration.ofMinutes(30)), stored.rearm());
        assertEquals(1, stored.triggerRevision(), "policy, channels and note leave the state as it is");
        assertEquals(3, stored.revision());
    }

    @Test
    void theMergedAlertIsValidatedLikeACreateAndNothingIsWritten() {
        APIGatewayProxyResponseEvent response = patch(
                "{\"level\":1e200,\"condition\":\"SIDEWAYS\",\"rearm\":{\"policy\":\"COOLDOWN\"},\"channels\":[\"sms\"],\"colour\":\"red\"}");

        assertEquals(400, response.getStatusCode());
        JsonNode fields = ApiEvents.json(response.getBody()).get("fields");
        assertEquals(Set.of("level", "condition", "rearm.hysteresis", "rearm.cooldown", "channels", "colour"), names(fields));
        assertEquals("applies only to policy REARM", fields.get("rearm.hysteresis").asText(), "merged: the old hysteresis is still there");
        assertEquals("not configured: sms (configured: console, webhook)", fields.get("channels").asText());
        assertEquals(1, alerts.get(id).orElseThrow().revision());
        assertEquals(1, revision());
    }

    @Test
    void symbolAndReadOnlyFieldsCannotChangeButMayBeSentBackAsTheyAre() {
        JsonNode shown = ApiEvents.json(api.call("GET", "/alerts/" + id, null).getBody());
        ((com.fasterxml.jackson.databind.node.ObjectNode) shown).remove("state");
        ((com.fasterxml.jackson.databind.node.ObjectNode) shown).put("level", 199);
        assertEquals(200, patch(shown.toString()).getStatusCode(), "a GET body sent back with one change");

        JsonNode fields = ApiEvents.json(patch("{\"symbol\":\"TSLA\",\"id\":\"other\",\"createdAt\":\"2020-01-01T00:00:00Z\",\"revision\":9}")
                .getBody()).get("fields");
        assertEquals(Set.of("symbol", "id", "createdAt", "revision"), names(fields));
        assertEquals("cannot be changed; create an alert for TSLA instead", fields.get("symbol").asText());
        assertEquals("cannot be changed", fields.get("revision").asText());
        assertEquals(200, patch("{\"symbol\":\"aapl\"}").getStatusCode(), "the same symbol is no change");
    }

    @Test
    void aPatchThatChangesNothingWritesNothing() {
        APIGatewayProxyResponseEvent response = patch("{\"level\":200,\"note\":\"first\"}");
        assertEquals(200, response.getStatusCode());
        assertEquals(1, ApiEvents.json(response.getBody()).get("revision").asInt());
        assertEquals(1, revision(), "no revision bump, so no definition reload in the scheduled run");
    }

    @Test
    void unknownIdIs404AndABodyThatIsNoObjectIs400() {
        assertEquals(404, api.call("PATCH", "/alerts/0b7e2f9c-0000-4000-8000-000000000000", "{\"level\":1}").getStatusCode());
        assertEquals(404, api.call("PATCH", "/alerts/" + "x".repeat(200), "{\"level\":1}").getStatusCode());
        assertEquals(400, patch("[1]").getStatusCode());
        assertEquals(400, patch(null).getStatusCode());
        assertEquals(List.of(id), alerts.loadAll().stream().map(Alert::id).toList());
    }

    @Test
    void anEditMadeFromAnOlderRevisionIsAppliedAgainToTheNewOneSoNoneIsLost() {
        // Another client's edit lands between this PATCH's read and its conditional write.
        Alert read = alerts.get(id).orElseThrow();
        Alert other = read.edited(Condition.ABOVE, 200, read.rearm(), read.channels(), "theirs", null);
        assertEquals(dev.stockalerts.manage.AlertAdmin.Edited.EDITED,
                alerts.edit(other, 1, dev.stockalerts.time.Deadline.none()));
        assertEquals(dev.stockalerts.manage.AlertAdmin.Edited.STALE,
                alerts.edit(read.edited(Condition.ABOVE, 250, read.rearm(), read.channels(), "first", null), 1, dev.stockalerts.time.Deadline.none()));

        JsonNode body = ApiEvents.json(patch("{\"level\":250}").getBody());
        assertEquals(250.0, body.get("level").asDouble());
        assertEquals("theirs", body.get("note").asText(), "the other edit is kept");
        assertEquals(3, body.get("revision").asInt());
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
