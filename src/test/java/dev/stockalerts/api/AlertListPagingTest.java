package dev.stockalerts.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.Condition;
import dev.stockalerts.alert.RearmPolicy;
import dev.stockalerts.testing.ApiEvents;
import dev.stockalerts.dynamo.DynamoMetrics;
import dev.stockalerts.testing.CronHarness;
import dev.stockalerts.testing.LocalDynamo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** GET /alerts?limit=N&next=TOKEN through the handler on DynamoDB Local. */
class AlertListPagingTest {
    private final CronHarness env = new CronHarness();
    private final CronHarness.ApiContainer api = env.api();

    @AfterEach
    void close() {
        env.close();
    }

    private void seed(int count) {
        IntStream.range(0, count).forEach(i -> env.putAlert(new Alert(String.format("a-%03d", i), "AAPL", Condition.ABOVE,
                100 + i, RearmPolicy.once(), List.of("webhook"), CronHarness.T0)));
    }

    private APIGatewayProxyResponseEvent list(Map<String, String> query) {
        return api.call(ApiEvents.request("GET", "/alerts", null).withQueryStringParameters(query));
    }

    private JsonNode page(Map<String, String> query) {
        APIGatewayProxyResponseEvent response = list(query);
        assertEquals(200, response.getStatusCode(), response.getBody());
        return ApiEvents.json(response.getBody());
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("alerts").forEach(a -> ids.add(a.get("id").asText()));
        return ids;
    }

    @Test
    void pagesWalkTheWholeListInOrderAndTheLastHasNoNext() {
        seed(7);
        List<String> seen = new ArrayList<>();
        JsonNode page = page(Map.of("limit", "3"));
        int pages = 1;
        while (true) {
            seen.addAll(ids(page));
            if (!page.has("next")) break;
            page = page(Map.of("limit", "3", "next", page.get("next").asText()));
            pages++;
        }
        assertEquals(3, pages);
        assertEquals(IntStream.range(0, 7).mapToObj(i -> String.format("a-%03d", i)).toList(), seen);
    }

    @Test
    void theDefaultPageIsAHundredAndAListThatFitsHasNoNext() {
        seed(101);
        JsonNode first = page(Map.of());
        assertEquals(100, first.get("alerts").size());
        assertEquals(List.of("a-100"), ids(page(Map.of("next", first.get("next").asText()))));
        assertFalse(page(Map.of("limit", "1000")).has("next"));
    }

    @Test
    void createdAlertsListOldestFirst() {
        env.market.list("AAPL", 190);
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(ApiEvents.json(api.call("POST", "/alerts", "{\"symbol\":\"AAPL\",\"condition\":\"ABOVE\",\"level\":" + (200 + i) + "}")
                    .getBody()).get("id").asText());
            env.clock.advance(Duration.ofMillis(1));
        }
        assertEquals(created, ids(page(Map.of())));
    }

    @Test
    void aBadLimitOrAnUnknownParameterIs400NamingIt() {
        for (String limit : new String[] {"0", "1001", "-1", "ten", "", "1e2", "99999999999"}) {
            APIGatewayProxyResponseEvent response = list(Map.of("limit", limit));
            assertEquals(400, response.getStatusCode(), limit);
            assertEquals("must be a whole number from 1 to 1000",
                    ApiEvents.json(response.getBody()).get("fields").get("limit").asText(), limit);
        }
        assertEquals("unknown parameter", ApiEvents.json(list(Map.of("limt", "5")).getBody()).get("fields").get("limt").asText());
    }

    @Test
    void aTamperedForgedOrForeignTokenIs400() {
        seed(5);
        String token = page(Map.of("limit", "2")).get("next").asText();
        String[] parts = token.split("\\.");
        String forgedPosition = Base64.getUrlEncoder().withoutPadding().encodeToString("a-003".getBytes(StandardCharsets.UTF_8));
        for (String bad : new String[] {
                token.substring(0, token.length() - 2) + "AA",                 // a MAC changed
                parts[0] + "." + parts[1] + "." + forgedPosition + "." + parts[3], // another position, the old MAC
                "v1." + parts[2] + "." + parts[3],                              // an older version
                "not a token", "", "x".repeat(5000)}) {
            APIGatewayProxyResponseEvent response = list(Map.of("next", bad));
            assertEquals(400, response.getStatusCode(), bad);
            assertEquals("invalid query parameters", ApiEvents.json(response.getBody()).get("error").asText());
            assertEquals(List.of("next"), List.copyOf(iterable(ApiEvents.json(response.getBody()).get("fields"))));
        }
    }

    @Test
    void aTokenIsBoundToTheListThatIssuedIt() {
        byte[] key = new byte[32];
        PageTokens tokens = new PageTokens(() -> key, env.clock);
        String ofAlerts = tokens.issue("alerts", "a-001");
        assertEquals("a-001", tokens.open("alerts", ofAlerts, "next"));
        InvalidRequest foreign = org.junit.jupiter.api.Assertions.assertThrows(InvalidRequest.class,
                () -> tokens.open("history:a-001", ofAlerts, "next"));
        assertEquals(List.of("next"), List.copyOf(foreign.fields().keySet()));
        String ofOneHistory = tokens.issue("history:a-001", "2026-11-23T14:00:00Z#1");
        org.junit.jupiter.api.Assertions.assertThrows(InvalidRequest.class, () -> tokens.open("history:a-002", ofOneHistory, "next"));
        org.junit.jupiter.api.Assertions.assertThrows(InvalidRequest.class,
                () -> new PageTokens(() -> new byte[] {1}, env.clock).open("alerts", ofAlerts, "next"), "another key");
    }

    /** Deleting the key attribute rotates it; every warm container follows. */
    @Test
    void aRotatedKeyReachesWarmContainersAndTokensOfTheOldKeyAreRefused() {
        seed(5);
        CronHarness.ApiContainer warm = env.api();
        String beforeRotation = page(Map.of("limit", "1")).get("next").asText(); // the first container, warm too
        assertEquals(200, next(warm, beforeRotation).getStatusCode(), "both hold the key");

        rotateKey();
        env.clock.advance(PageTokens.RELOAD_AT_MOST_EVERY);
        CronHarness.ApiContainer fresh = env.api();
        String afterRotation = ApiEvents.json(fresh.call(ApiEvents.request("GET", "/alerts", null)
                .withQueryStringParameters(Map.of("limit", "1"))).getBody()).get("next").asText();

        assertEquals(200, next(warm, afterRotation).getStatusCode(), "a token naming a key id it lacks makes it reload");
        assertEquals(400, next(fresh, beforeRotation).getStatusCode(), "the old key is gone");

        env.clock.advance(PageTokens.KEY_REFRESH);
        String signedByTheFirst = page(Map.of("limit", "1")).get("next").asText();
        assertEquals(afterRotation.split("\\.")[1], signedByTheFirst.split("\\.")[1],
                "a container that saw no new token signs with the new key within the refresh");
    }

    private static APIGatewayProxyResponseEvent next(CronHarness.ApiContainer container, String token) {
        return container.call(ApiEvents.request("GET", "/alerts", null).withQueryStringParameters(Map.of("limit", "1", "next", token)));
    }

    private void rotateKey() {
        try (DynamoDbClient client = LocalDynamo.client(new DynamoMetrics())) {
            client.updateItem(b -> b.tableName(env.table)
                    .key(Map.of("pk", AttributeValue.fromS("CONFIG"), "sk", AttributeValue.fromS("global")))
                    .updateExpression("REMOVE pageTokenKey"));
        }
    }

    @Test
    void theKeyIsSharedByEveryContainerThroughTheTable() {
        seed(3);
        String token = page(Map.of("limit", "1")).get("next").asText();
        CronHarness.ApiContainer another = env.api();
        APIGatewayProxyResponseEvent response = another.call(ApiEvents.request("GET", "/alerts", null)
                .withQueryStringParameters(Map.of("limit", "1", "next", token)));
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(List.of("a-001"), ids(ApiEvents.json(response.getBody())));
    }

    private static List<String> iterable(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
