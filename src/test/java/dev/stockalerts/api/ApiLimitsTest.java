package dev.stockalerts.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stockalerts.dynamo.DynamoAlertRepository;
import dev.stockalerts.dynamo.DynamoMetrics;
import dev.stockalerts.testing.ApiEvents;
import dev.stockalerts.testing.CronHarness;
import dev.stockalerts.testing.LocalDynamo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The API refuses what it cannot keep with a 4xx: numbers out of range, big bodies, alerts past MAX_ALERTS. */
class ApiLimitsTest {
    private final CronHarness env = new CronHarness().env("MAX_ALERTS", "2");
    private final CronHarness.ApiContainer api = env.api();

    ApiLimitsTest() {
        env.market.list("AAPL", 190);
    }

    @AfterEach
    void close() {
        env.close();
    }

    private List<?> stored() {
        try (DynamoDbClient client = LocalDynamo.client(new DynamoMetrics())) {
            return new DynamoAlertRepository(client, env.table).loadAll();
        }
    }

    private JsonNode fields(APIGatewayProxyResponseEvent response) {
        assertEquals(400, response.getStatusCode(), response.getBody());
        return ApiEvents.json(response.getBody()).get("fields");
    }

    @Test
    void numbersOutsideRealisticBoundsAre400NamingTheFieldAndTheBounds() {
        for (String level : new String[] {"1e200", "1e-200", "1e400", "-1e400", "0.000000001"}) {
            JsonNode fields = fields(api.call("POST", "/alerts", "{\"symbol\":\"AAPL\",\"condition\":\"ABOVE\",\"level\":" + level + "}"));
            assertEquals("must be a positive price from 0.00000001 to 1000000000", fields.get("level").asText(), level);
        }
        JsonNode fields = fields(api.call("POST", "/alerts",
                "{\"symbol\":\"AAPL\",\"condition\":\"PERCENT_CHANGE\",\"level\":1e-200,\"rearm\":{\"policy\":\"REARM\",\"hysteresis\":1e200}}"));
        assertTrue(fields.get("level").asText().startsWith("must be a percentage from -100 to 1000"), fields.toString());
        assertEquals("must be zero or a number from 0.00000001 to 1000000000", fields.get("rearm.hysteresis").asText());
        assertEquals(List.of(), stored());
    }

    @Test
    void aBodyOver64KiBIs413BeforeItIsRead() {
        String big = "{\"note\":\"" + "x".repeat(64 * 1024) + "\"}";
        for (APIGatewayProxyResponseEvent response : List.of(api.call("POST", "/alerts", big),
                api.call(ApiEvents.base64("POST", "/alerts", big)), api.call("PATCH", "/alerts/some-id", big))) {
            assertEquals(413, response.getStatusCode());
            assertEquals("{\"error\":\"request body too large\",\"limitBytes\":65536}", response.getBody());
        }
        String multibyte = "{\"note\":\"" + "é".repeat(33 * 1024) + "\"}"; // 33 K characters, 66 KB
        assertEquals(413, api.call("POST", "/alerts", multibyte).getStatusCode());
    }

    @Test
    void anErrorBodyNamesTenFieldsAndCountsTheRest() {
        String unknown = IntStream.range(0, 1000).mapToObj(i -> "\"f" + i + "\":1").collect(Collectors.joining(","));
        APIGatewayProxyResponseEvent response = api.call("POST", "/alerts", "{" + unknown + ",\"" + "n".repeat(5000) + "\":1}");

        JsonNode body = ApiEvents.json(response.getBody());
        assertEquals(400, response.getStatusCode());
        assertEquals(10, body.get("fields").size());
        assertEquals(1001 + 3 - 10, body.get("moreFields").asInt(), "symbol, condition and level are missing too");
        assertTrue(response.getBody().length() < 1000, "small whatever was sent: " + response.getBody().length());
    }

    @Test
    void aFieldNameIsEchoedShortened() {
        JsonNode fields = fields(api.call("POST", "/alerts", "{\"" + "n".repeat(5000) + "\":1}"));
        assertTrue(fields.has("n".repeat(64) + "..."), fields.toString());
    }

    @Test
    void pastMaxAlertsACreateIs409AndADeleteMakesRoom() {
        String body = "{\"symbol\":\"AAPL\",\"condition\":\"ABOVE\",\"level\":200}";
        String first = ApiEvents.json(api.call("POST", "/alerts", body).getBody()).get("id").asText();
        assertEquals(201, api.call("POST", "/alerts", body).getStatusCode());

        APIGatewayProxyResponseEvent refused = api.call("POST", "/alerts", body);

        assertEquals(409, refused.getStatusCode());
        JsonNode error = ApiEvents.json(refused.getBody());
        assertEquals("too many alerts", error.get("error").asText());
        assertEquals(2, error.get("maxAlerts").asInt());
        assertEquals(2, stored().size());
        assertEquals(204, api.call("DELETE", "/alerts/" + first, null).getStatusCode());
        assertEquals(201, api.call("POST", "/alerts", body).getStatusCode());
    }
}
