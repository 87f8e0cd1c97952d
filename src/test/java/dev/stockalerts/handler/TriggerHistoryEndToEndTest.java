package dev.stockalerts.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.Condition;
import dev.stockalerts.alert.RearmPolicy;
import dev.stockalerts.testing.ApiEvents;
import dev.stockalerts.testing.CronHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Firings recorded by the scheduled function, read back through the API as API Gateway sends requests. */
class TriggerHistoryEndToEndTest {
    private final CronHarness harness = new CronHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    private JsonNode history(CronHarness.ApiContainer api, String query) {
        APIGatewayProxyResponseEvent response = api.call("GET", "/alerts/c1/history" + query, null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        return ApiEvents.json(response.getBody());
    }

    @Test
    void eachFiringIsListedNewestFirstWithItsChannelsOutcomePageByPage() {
        harness.putAlert(new Alert("c1", "AAPL", Condition.ABOVE, 200, RearmPolicy.cooldown(Duration.ofMinutes(5)),
                List.of("webhook"), CronHarness.T0));
        CronHarness.Container cron = harness.container();
        harness.market.set("AAPL", 201);
        cron.run();
        harness.webhook.respondWith(500);
        harness.clock.advance(Duration.ofMinutes(5));
        harness.market.set("AAPL", 202);
        cron.run();

        CronHarness.ApiContainer api = harness.api();
        JsonNode first = history(api, "?limit=1");
        assertEquals(1, first.get("history").size());
        JsonNode newest = first.get("history").get(0);
        assertEquals(2, newest.get("fireCount").asInt());
        assertEquals(202.0, newest.get("price").asDouble());
        assertEquals("LAST_PRICE", newest.get("trigger").asText());
        assertEquals("RETRYING", newest.get("channels").get(0).get("status").asText());

        JsonNode second = history(api, "?limit=1&next=" + first.get("next").asText());
        JsonNode older = second.get("history").get(0);
        assertEquals(1, older.get("fireCount").asInt());
        assertEquals("2026-11-23T14:00:00Z", older.get("firedAt").asText());
        assertEquals("DELIVERED", older.get("channels").get(0).get("status").asText());
        assertFalse(second.has("next"), "the last page has no next");
    }

    @Test
    void unknownAlertsAre404AndAnotherListsTokenIs400() {
        harness.putAlert(new Alert("c1", "AAPL", Condition.ABOVE, 200, RearmPolicy.once(), List.of("webhook"), CronHarness.T0));
        harness.putAlert(new Alert("c2", "AAPL", Condition.ABOVE, 200, RearmPolicy.once(), List.of("webhook"), CronHarness.T0));
        CronHarness.ApiContainer api = harness.api();
        assertEquals(404, api.call("GET", "/alerts/nope/history", null).getStatusCode());

        JsonNode list = ApiEvents.json(api.call("GET", "/alerts?limit=1", null).getBody());
        APIGatewayProxyResponseEvent foreign = api.call("GET", "/alerts/c1/history?next=" + list.get("next").asText(), null);
        assertEquals(400, foreign.getStatusCode());
        assertTrue(foreign.getBody().contains("next"), foreign.getBody());
        assertEquals(0, history(api, "").get("history").size());
    }
}
