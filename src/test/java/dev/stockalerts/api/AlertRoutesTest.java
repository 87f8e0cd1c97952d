package dev.stockalerts.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.AlertState;
import dev.stockalerts.alert.Condition;
import dev.stockalerts.alert.Firing;
import dev.stockalerts.alert.RearmPolicy;
import dev.stockalerts.alert.Side;
import dev.stockalerts.check.RuntimeConfig;
import dev.stockalerts.delivery.Claim;
import dev.stockalerts.delivery.DeliveryLedger;
import dev.stockalerts.delivery.OwedFiring;
import dev.stockalerts.dynamo.Backoff;
import dev.stockalerts.dynamo.DynamoAlertRepository;
import dev.stockalerts.dynamo.DynamoConfigStore;
import dev.stockalerts.dynamo.DynamoFiringHistory;
import dev.stockalerts.dynamo.DynamoLedgerStore;
import dev.stockalerts.dynamo.DynamoMetrics;
import dev.stockalerts.dynamo.Shard;
import dev.stockalerts.testing.ApiEvents;
import dev.stockalerts.testing.CronHarness;
import dev.stockalerts.testing.LocalDynamo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The /alerts routes through the Lambda handler on DynamoDB Local; symbols checked against the loopback Yahoo feed. */
class AlertRoutesTest {
    private static final String VALID = """
            {"symbol":"aapl","condition":"ABOVE","level":200,"rearm":{"policy":"REARM","hysteresis":2},"channels":["webhook"]}""";

    private final CronHarness env = new CronHarness();
    private final CronHarness.ApiContainer api = env.api();
    private final DynamoDbClient client = LocalDynamo.client(new DynamoMetrics());
    private final DynamoAlertRepository alerts = new DynamoAlertRepository(client, env.table);
    private final DynamoConfigStore config = new DynamoConfigStore(client, env.table, Shard.ONLY);

    AlertRoutesTest() {
        env.market.list("AAPL", 190);
        env.market.list("TSLA", 250);
    }

    @AfterEach
    void close() {
        client.close();
        env.close();
    }

    private long revision() {
        return config.load().map(RuntimeConfig::alertsRevision).orElse(0L);
    }

    private JsonNode created(String body) {
        APIGatewayProxyResponseEvent response = api.call("POST", "/alerts", body);
        assertEquals(201, response.getStatusCode(), response.getBody());
        return ApiEvents.json(response.getBody());
    }

    @Test
    void createStoresTheAlertBumpsTheRevisionAndPointsAtIt() {
        APIGatewayProxyResponseEvent response = api.call("POST", "/alerts", VALID);

        assertEquals(201, response.getStatusCode(), response.getBody());
        assertEquals("application/json", response.getHeaders().get("Content-Type"));
        JsonNode body = ApiEvents.json(response.getBody());
        String id = body.get("id").asText();
        assertEquals("/prod/alerts/" + id, response.getHeaders().get("Location"), "the stage the client called is kept");
        assertEquals("AAPL", body.get("symbol").asText());
        assertEquals("ABOVE", body.get("condition").asText());
        assertEquals(200.0, body.get("level").asDouble());
        assertEquals("REARM", body.get("rearm").get("policy").asText());
        assertEquals(2.0, body.get("rearm").get("hysteresis").asDouble());
        assertEquals("[\"webhook\"]", body.get("channels").toString());
        assertEquals(CronHarness.T0.toString(), body.get("createdAt").asText());
        assertTrue(body.get("rearmRequestedAt").isNull());

        Alert stored = alerts.get(id).orElseThrow();
        assertEquals(new Alert(id, "AAPL", Condition.ABOVE, 200, RearmPolicy.rearm(2), List.of("webhook"), CronHarness.T0), stored);
        assertEquals(1, revision());
    }

    @Test
    void defaultsAreOnceAndTheWebhook() {
        JsonNode body = created("{\"symbol\":\"TSLA\",\"condition\":\"PERCENT_CHANGE\",\"level\":-5}");
        assertEquals("{\"policy\":\"ONCE\"}", body.get("rearm").toString());
        assertEquals("[\"webhook\"]", body.get("channels").toString());
        assertEquals(-5.0, body.get("level").asDouble(), "a negative level is a fall for PERCENT_CHANGE");
    }

    @Test
    void cooldownPolicyRoundTrips() {
        JsonNode body = created("{\"symbol\":\"TSLA\",\"condition\":\"CROSSES_BELOW\",\"level\":240,"
                + "\"rearm\":{\"policy\":\"COOLDOWN\",\"cooldown\":\"PT1H\"},\"channels\":[\"webhook\",\"console\"]}");
        Alert stored = alerts.get(body.get("id").asText()).orElseThrow();
        assertEquals(RearmPolicy.cooldown(Duration.ofHours(1)), stored.rearm());
        assertEquals(List.of("webhook", "console"), stored.channels());
    }

    @Test
    void everyInvalidFieldIsReportedAtOnceAndNothingIsWritten() {
        APIGatewayProxyResponseEvent response = api.call("POST", "/alerts",
                "{\"symbol\":\"AAPL\",\"condition\":\"SIDEWAYS\",\"level\":-3,\"channels\":[\"sms\"],\"colour\":\"red\"}");

        assertEquals(400, response.getStatusCode());
        JsonNode body = ApiEvents.json(response.getBody());
        assertEquals("invalid alert", body.get("error").asText());
        JsonNode fields = body.get("fields");
        assertEquals(Set.of("condition", "level", "channels", "colour"), names(fields));
        assertEquals("must be one of ABOVE, BELOW, CROSSES_ABOVE, CROSSES_BELOW, PERCENT_CHANGE", fields.get("condition").asText());
        assertEquals("must be a positive price from 0.00000001 to 1000000000", fields.get("level").asText());
        assertEquals("not configured: sms (configured: console, webhook)", fields.get("channels").asText());
        assertEquals("unknown field", fields.get("colour").asText());
        assertEquals(List.of(), alerts.loadAll());
        assertEquals(0, revision());
    }

    @Test
    void rearmPolicyFieldsAreCheckedOneByOne() {
        JsonNode fields = invalidFields("{\"symbol\":\"AAPL\",\"condition\":\"ABOVE\",\"level\":1,"
                + "\"rearm\":{\"policy\":\"COOLDOWN\",\"hysteresis\":2}}");
        assertEquals(Set.of("rearm.cooldown", "rearm.hysteresis"), names(fields));
        assertEquals("applies only to policy REARM", fields.get("rearm.hysteresis").asText());

        fields = invalidFields("{\"symbol\":\"AAPL\",\"condition\":\"ABOVE\",\"level\":\"200\","
                + "\"rearm\":{\"policy\":\"SOMETIMES\",\"cooldown\":\"1 hour\"},\"channels\":[]}");
        assertEquals(Set.of("level", "rearm.policy", "rearm.cooldown", "channels"), names(fields));
        assertEquals("must be one of ONCE, REARM, COOLDOWN", fields.get("rearm.policy").asText());
        assertEquals("must be a positive ISO-8601 duration such as PT1H", fields.get("rearm.cooldown").asText());

        fields = invalidFields("{\"condition\":\"PERCENT_CHANGE\",\"level\":0,\"rearm\":\"ONCE\"}");
        assertEquals(Set.of("symbol", "level", "rearm"), names(fields));
        assertEquals("is required", fields.get("symbol").asText());
    }

    @Test
    void symbolMustBeWellFormedAndKnownToTheProviders() {
        assertEquals("unknown symbol",
                invalidFields("{\"symbol\":\"NOPE\",\"condition\":\"ABOVE\",\"level\":1}").get("symbol").asText());
        assertTrue(invalidFields("{\"symbol\":\"NO PE\",\"condition\":\"ABOVE\",\"level\":1}").get("symbol").asText()
                .startsWith("must be a ticker symbol"));
    }

    @Test
    void symbolIsAcceptedUncheckedWhileProvidersAreDown() {
        env.yahoo.failWith(503);
        JsonNode body = created("{\"symbol\":\"NEWCO\",\"condition\":\"ABOVE\",\"level\":10}");
        assertEquals("NEWCO", body.get("symbol").asText());
    }

    @Test
    void base64BodyIsDecoded() {
        APIGatewayProxyResponseEvent response = api.call(ApiEvents.base64("POST", "/alerts", VALID));
        assertEquals(201, response.getStatusCode(), response.getBody());
        assertEquals(1, alerts.loadAll().size());
    }

    @Test
    void listReturnsEveryAlertOldestFirst() {
        String first = created(VALID).get("id").asText();
        env.clock.advance(Duration.ofMinutes(1));
        String second = created("{\"symbol\":\"TSLA\",\"condition\":\"BELOW\",\"level\":200}").get("id").asText();

        APIGatewayProxyResponseEvent response = api.call("GET", "/alerts", null);

        assertEquals(200, response.getStatusCode());
        JsonNode list = ApiEvents.json(response.getBody()).get("alerts");
        assertEquals(2, list.size());
        assertEquals(first, list.get(0).get("id").asText());
        assertEquals(second, list.get(1).get("id").asText());
        assertEquals("BELOW", list.get(1).get("condition").asText());
    }

    @Test
    void listOfNothingIsAnEmptyArray() {
        APIGatewayProxyResponseEvent response = api.call("GET", "/alerts", null);
        assertEquals(200, response.getStatusCode());
        assertEquals("{\"alerts\":[]}", response.getBody());
    }

    @Test
    void getShowsTheInitialStateBeforeTheScheduledFunctionStoredOne() {
        String id = created(VALID).get("id").asText();

        JsonNode body = ApiEvents.json(api.call("GET", "/alerts/" + id, null).getBody());

        assertEquals(id, body.get("id").asText());
        assertEquals("AAPL", body.get("symbol").asText());
        JsonNode state = body.get("state");
        assertTrue(state.get("armed").asBoolean());
        assertTrue(state.get("lastFiredAt").isNull());
        assertTrue(state.get("lastFiredPrice").isNull());
        assertEquals(0, state.get("fireCount").asInt());
        assertEquals("[]", state.get("pendingChannels").toString());
    }

    @Test
    void getShowsTheStoredState() {
        String id = created(VALID).get("id").asText();
        Instant fired = CronHarness.T0.plusSeconds(300);
        // Written the way the scheduled function claims a firing: its state and the ledger of what it owes.
        new DynamoLedgerStore(client, env.table, Shard.ONLY, Backoff.standard(), l -> fired.plusSeconds(86400),
                new DynamoFiringHistory(client, env.table, Duration.ofDays(90), Backoff.standard(), line -> {}), line -> {}).claim(new Claim("c-1",
                List.of(new AlertState(id, false, Side.UNKNOWN, fired, 201.5, 3, 0)),
                List.of(new Claim.LedgerWrite(new DeliveryLedger("run-1", 0, "c-1", fired.plusSeconds(300),
                        List.of(OwedFiring.of(new Firing(id, 3, fired, 201.5), List.of("webhook")))), null)),
                List.of()));

        APIGatewayProxyResponseEvent response = api.call("GET", "/alerts/" + id, null);

        assertEquals(200, response.getStatusCode());
        JsonNode state = ApiEvents.json(response.getBody()).get("state");
        assertFalse(state.get("armed").asBoolean());
        assertEquals(fired.toString(), state.get("lastFiredAt").asText());
        assertEquals(201.5, state.get("lastFiredPrice").asDouble());
        assertEquals(3, state.get("fireCount").asInt());
        assertEquals("[\"webhook\"]", state.get("pendingChannels").toString());
    }

    @Test
    void unknownIdsAre404ForEveryAlertRoute() {
        for (String id : new String[] {"0b7e2f9c-0000-4000-8000-000000000000", "not%20an%20id", "x".repeat(2000)}) {
            for (String[] call : new String[][] {{"GET", "/alerts/" + id}, {"DELETE", "/alerts/" + id}, {"POST", "/alerts/" + id + "/rearm"}}) {
                APIGatewayProxyResponseEvent response = api.call(call[0], call[1], null);
                assertEquals(404, response.getStatusCode(), call[0] + " " + call[1]);
                assertEquals("alert not found", ApiEvents.json(response.getBody()).get("error").asText());
            }
        }
        assertEquals(List.of(), alerts.loadAll(), "a re-arm of an unknown id must not create an item");
        assertEquals(0, revision());
    }

    @Test
    void deleteIs204ThenTheAlertIsGone() {
        String id = created(VALID).get("id").asText();

        APIGatewayProxyResponseEvent response = api.call("DELETE", "/alerts/" + id, null);

        assertEquals(204, response.getStatusCode());
        assertEquals(null, response.getBody());
        assertEquals(404, api.call("GET", "/alerts/" + id, null).getStatusCode());
        assertEquals(404, api.call("DELETE", "/alerts/" + id, null).getStatusCode());
        assertEquals(Optional.empty(), alerts.get(id));
        assertEquals(2, revision(), "created, deleted");
    }

    @Test
    void rearmIsRecordedOnTheDefinitionAndAccepted() {
        String id = created(VALID).get("id").asText();
        env.clock.advance(Duration.ofMinutes(7));

        APIGatewayProxyResponseEvent response = api.call("POST", "/alerts/" + id + "/rearm", null);

        assertEquals(202, response.getStatusCode(), response.getBody());
        JsonNode body = ApiEvents.json(response.getBody());
        Instant at = CronHarness.T0.plus(Duration.ofMinutes(7));
        assertEquals(id, body.get("id").asText());
        assertEquals(at.toString(), body.get("rearmRequestedAt").asText());
        assertEquals(at, alerts.get(id).orElseThrow().rearmRequestedAt());
        assertEquals(2, revision(), "created, re-arm requested");
        assertEquals(at.toString(), ApiEvents.json(api.call("GET", "/alerts/" + id, null).getBody())
                .get("rearmRequestedAt").asText());
    }

    private JsonNode invalidFields(String body) {
        APIGatewayProxyResponseEvent response = api.call("POST", "/alerts", body);
        assertEquals(400, response.getStatusCode(), response.getBody());
        return ApiEvents.json(response.getBody()).get("fields");
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new java.util.TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
