package dev.stockalerts.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stockalerts.alert.AlertState;
import dev.stockalerts.testing.ApiEvents;
import dev.stockalerts.testing.CronHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API and the scheduled function on one table, clock and loopback Yahoo/webhook: what a user does through
 * the API reaches the next scheduled runs, and only through the alerts revision, never by a Query every run.
 */
class ApiToCronEndToEndTest {
    private static final Duration RUN = Duration.ofMinutes(5);
    private static final String ONCE_ABOVE_200 = "{\"symbol\":\"AAPL\",\"condition\":\"ABOVE\",\"level\":200}";

    private final CronHarness env = new CronHarness();
    private final CronHarness.ApiContainer api = env.api();
    private final CronHarness.Container cron = env.container();

    ApiToCronEndToEndTest() {
        env.market.list("AAPL", 190);
    }

    @AfterEach
    void close() {
        env.close();
    }

    private String create(String body) {
        APIGatewayProxyResponseEvent response = api.call("POST", "/alerts", body);
        assertEquals(201, response.getStatusCode(), response.getBody());
        return ApiEvents.json(response.getBody()).get("id").asText();
    }

    private Map<String, Object> runAfter(Duration wait) {
        env.clock.advance(wait);
        return cron.run();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> operations(Map<String, Object> report) {
        return (Map<String, Object>) report.get("dynamoCallsByOperation");
    }

    private long definitionReloads() {
        return env.log.stream().filter(l -> l.contains("Alert definitions changed")).count();
    }

    @Test
    void createdAlertFiresOnceTheConfigCacheSeesTheNewRevisionAndQuietRunsQueryNothing() {
        cron.run(); // cold start: loads (nothing) and caches the config
        String id = create(ONCE_ABOVE_200);
        env.market.set("AAPL", 205);

        Map<String, Object> early = runAfter(Duration.ofSeconds(30));
        assertEquals(0, early.get("alertsChecked"), "the config (and so the revision) is cached for CONFIG_CACHE_TTL");

        Map<String, Object> next = runAfter(RUN);
        assertEquals(1, next.get("alertsFired"));
        assertEquals(1L, operations(next).get("Query"), "definitions re-read once, states not at all");
        assertEquals(1, definitionReloads());
        assertEquals(1, env.webhook.bodies().size());
        assertTrue(env.webhook.bodies().get(0).contains("\"alertId\":\"" + id + "\""), env.webhook.bodies().get(0));

        for (int i = 0; i < 3; i++) {
            Map<String, Object> quiet = runAfter(RUN);
            assertEquals(1, quiet.get("alertsChecked"));
            assertFalse(operations(quiet).containsKey("Query"), "no change, no Query: " + operations(quiet));
            assertEquals(Map.of("GetItem", 1L), operations(quiet), "only the config read");
        }
        assertEquals(1, definitionReloads());
        assertEquals(1, env.webhook.bodies().size(), "ONCE: fired once");
    }

    @Test
    void deletedAlertIsNoLongerEvaluatedAndItsStateGoesAtTheHourlyFlush() {
        cron.run();
        String id = create(ONCE_ABOVE_200);
        env.market.set("AAPL", 205);
        assertEquals(1, runAfter(RUN).get("alertsFired"));
        assertTrue(env.states(s -> s.load(id)).isPresent(), "the firing was made durable before the webhook call");

        assertEquals(204, api.call("DELETE", "/alerts/" + id, null).getStatusCode());
        Map<String, Object> afterDelete = runAfter(RUN);
        assertEquals(0, afterDelete.get("alertsChecked"));
        assertTrue(env.states(s -> s.load(id)).isPresent(), "removed with the next batched flush, not right away");

        // The write interval (1 h) counts from the cold start at T0.
        env.clock.advance(Duration.ofHours(1));
        Map<String, Object> flushed = cron.run();
        assertEquals(1L, operations(flushed).get("BatchWriteItem"));
        assertEquals(Optional.empty(), env.states(s -> s.load(id)));
        assertTrue(env.log.contains("[KV Cache] Flushed 1/1 writes to DynamoDB"), env.log.toString());
        assertEquals(1, env.webhook.bodies().size());
    }

    @Test
    void rearmViaTheApiLetsAOnceAlertFireAgainOnTheNextTrigger() {
        cron.run();
        String id = create(ONCE_ABOVE_200);
        env.market.set("AAPL", 205);
        assertEquals(1, runAfter(RUN).get("alertsFired"));
        assertEquals(0, runAfter(RUN).get("alertsFired"), "ONCE stays disarmed");
        JsonNode stored = state(id);
        assertFalse(stored.get("armed").asBoolean());
        assertEquals(1, stored.get("fireCount").asInt());

        env.market.set("AAPL", 195);
        assertEquals(202, api.call("POST", "/alerts/" + id + "/rearm", null).getStatusCode());
        Map<String, Object> rearmed = runAfter(RUN);
        assertEquals(0, rearmed.get("alertsFired"), "re-armed below the level: nothing to fire yet");
        assertEquals(1L, operations(rearmed).get("Query"), "the request reached the cron through the revision");

        env.market.set("AAPL", 206);
        assertEquals(1, runAfter(RUN).get("alertsFired"), "fires again on the next trigger");
        assertEquals(0, runAfter(RUN).get("alertsFired"), "the request is spent once it fired");
        assertEquals(2, env.webhook.bodies().size());
        stored = state(id);
        assertFalse(stored.get("armed").asBoolean());
        assertEquals(2, stored.get("fireCount").asInt());
    }

    @Test
    void rearmStillAppliesInAFreshContainerWhenTheFirstDiedBeforeFlushing() {
        cron.run();
        String id = create(ONCE_ABOVE_200);
        env.market.set("AAPL", 205);
        assertEquals(1, runAfter(RUN).get("alertsFired"));
        env.market.set("AAPL", 195);
        env.clock.advance(Duration.ofMinutes(1));
        api.call("POST", "/alerts/" + id + "/rearm", null);
        assertEquals(0, runAfter(RUN).get("alertsFired"));
        assertTrue(cron.components().cache().state(id).armed(), "re-armed in memory");
        assertFalse(env.states(s -> s.load(id)).map(AlertState::armed).orElseThrow(), "but not flushed: only firings are urgent");

        // The container is recycled; a new one loads the stored (disarmed) state and re-applies the request.
        CronHarness.Container fresh = env.container();
        env.market.set("AAPL", 207);
        env.clock.advance(RUN);
        assertEquals(1, fresh.run().get("alertsFired"));
        env.clock.advance(RUN);
        assertEquals(0, fresh.run().get("alertsFired"));
        assertEquals(2, env.webhook.bodies().size());
    }

    private JsonNode state(String id) {
        APIGatewayProxyResponseEvent response = api.call("GET", "/alerts/" + id, null);
        assertEquals(200, response.getStatusCode());
        return ApiEvents.json(response.getBody()).get("state");
    }
}
