package dev.stockalerts.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stockalerts.testing.ApiEvents;
import dev.stockalerts.testing.CronHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An alert's own market calendar: set on create, changed or removed by PATCH, refused when unknown. */
class AlertMarketRouteTest {
    private final CronHarness env = new CronHarness();
    private final CronHarness.ApiContainer api = env.api();

    AlertMarketRouteTest() {
        env.market.list("BTC-USD", 90_000);
    }

    @AfterEach
    void close() {
        env.close();
    }

    @Test
    void anAlertCanNameItsMarketAndAnUnknownOneIsA400NamingTheField() {
        APIGatewayProxyResponseEvent created = api.call("POST", "/alerts",
                "{\"symbol\":\"BTC-USD\",\"condition\":\"ABOVE\",\"level\":100000,\"market\":\"always\"}");
        assertEquals(201, created.getStatusCode(), created.getBody());
        JsonNode alert = ApiEvents.json(created.getBody());
        assertEquals("ALWAYS", alert.get("market").asText());

        APIGatewayProxyResponseEvent unknown = api.call("POST", "/alerts",
                "{\"symbol\":\"BTC-USD\",\"condition\":\"ABOVE\",\"level\":100000,\"market\":\"NASDAQ\"}");
        assertEquals(400, unknown.getStatusCode());
        String why = ApiEvents.json(unknown.getBody()).get("fields").get("market").asText();
        assertTrue(why.contains("XNYS") && why.contains("ALWAYS"), why);

        String id = alert.get("id").asText();
        APIGatewayProxyResponseEvent edited = api.call("PATCH", "/alerts/" + id, "{\"market\":null}");
        assertEquals(200, edited.getStatusCode(), edited.getBody());
        assertTrue(ApiEvents.json(edited.getBody()).get("market").isNull(), "back to the service's default");
    }
}
