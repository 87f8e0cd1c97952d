package dev.stockalerts.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.AlertState;
import dev.stockalerts.alert.Condition;
import dev.stockalerts.alert.RearmPolicy;
import dev.stockalerts.testing.CronHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scheduled function end to end: DynamoDB Local, Yahoo and the webhook on loopback, simulated time. */
class AlertsCronIntegrationTest {
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private final CronHarness harness = new CronHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    private Alert alert(String id, Condition condition, double level, RearmPolicy rearm) {
        Alert alert = new Alert(id, "AAPL", condition, level, rearm, List.of("webhook"), CronHarness.T0);
        harness.putAlert(alert);
        return alert;
    }

    private AlertState stored(String id) {
        return harness.states(s -> s.load(id).orElse(null));
    }

    private List<String> owed(String id) {
        return harness.states(s -> s.owedChannels(id));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> ops(Map<String, Object> report) {
        return (Map<String, Long>) report.get("dynamoCallsByOperation");
    }

    @Test
    void aRunFetchesOneQuotePerSymbolFiresAndPostsTheWebhook() throws Exception {
        harness.market.set("AAPL", 201.5);
        harness.market.set("MSFT", 300);
        alert("a1", Condition.ABOVE, 200, RearmPolicy.once());
        alert("a2", Condition.ABOVE, 250, RearmPolicy.once());
        harness.putAlert(new Alert("m1", "MSFT", Condition.BELOW, 200, RearmPolicy.once(), List.of("webhook"), CronHarness.T0));

        Map<String, Object> report = harness.container().run();

        assertEquals(3, report.get("alertsChecked"));
        assertEquals(1, report.get("alertsFired"));
        assertEquals(1, harness.yahoo.requests(), "one spark request for both symbols");
        assertEquals(2, report.get("quotesFetched"));
        assertEquals(1, harness.webhook.bodies().size());
        JsonNode body = new ObjectMapper().readTree(harness.webhook.bodies().get(0));
        assertEquals("AAPL", body.get("symbol").asText());
        assertEquals("ABOVE", body.get("condition").asText());
        assertEquals(200.0, body.get("level").asDouble());
        assertEquals(201.5, body.get("price").asDouble());
        assertEquals("2026-11-23T14:00:00Z", body.get("time").asText());
        // The firing is durable before the run returns, and the delivery is recorded.
        AlertState a1 = stored("a1");
        assertFalse(a1.armed());
        assertEquals(1, a1.fireCount());
        assertEquals(List.of(), owed("a1"));
        assertTrue(((Number) report.get("dynamoCalls")).intValue() > 0);
        assertTrue(((Number) report.get("writeCapacityUnits")).doubleValue() > 0);
        assertEquals(((Number) report.get("readCapacityUnits")).doubleValue() + ((Number) report.get("writeCapacityUnits")).doubleValue(),
                ((Number) report.get("consumedCapacityUnits")).doubleValue(), 1e-9);
        assertTrue(report.containsKey("cache"));
    }

    @Test
    void warmRunsWithinTheTtlReadNoStatesAndWriteNothing() {
        harness.market.set("AAPL", 150);
        alert("a1", Condition.CROSSES_ABOVE, 200, RearmPolicy.rearm(1));
        CronHarness.Container container = harness.container();
        container.run();

        for (int i = 1; i < 12; i++) {
            harness.clock.advance(FIVE_MINUTES);
            Map<String, Object> report = container.run();
            assertNull(ops(report).get("Query"), "run " + i + " read states: " + ops(report));
            assertEquals(Map.of("GetItem", 1L), ops(report), "only the 1-minute config read");
        }
        assertTrue(harness.log.stream().filter(l -> l.startsWith("[KV Cache] Loading")).count() == 1);
    }

    @Test
    void afterTheTtlTheCacheReloadsAndFlushesQueuedChangesInOneBatch() {
        harness.market.set("AAPL", 150);
        CronHarness.Container container = harness.container();
        container.run(); // the container's first run (which flushes what it learned) sees no alerts yet
        alert("a1", Condition.CROSSES_ABOVE, 200, RearmPolicy.rearm(1));
        alert("a2", Condition.CROSSES_BELOW, 100, RearmPolicy.rearm(1));
        harness.bumpRevision(); // as the API does with every change
        harness.clock.advance(Duration.ofMinutes(2));
        container.run(); // first sight records each crossing alert's side: queued, not written
        assertNull(stored("a1"));
        harness.clock.advance(FIVE_MINUTES);
        assertEquals(2, ((Map<?, ?>) container.run().get("cache")).get("pendingWrites"));

        harness.clock.advance(Duration.ofHours(1));
        Map<String, Object> report = container.run();

        assertEquals(1L, ops(report).get("Query"), "states reloaded; definitions only when their revision changes");
        assertEquals(1L, ops(report).get("BatchWriteItem"), "both queued states in one batch");
        assertEquals(0, ((Map<?, ?>) report.get("cache")).get("pendingWrites"));
        assertEquals("ABOVE", stored("a2").side().name());
        assertEquals("BELOW", stored("a1").side().name());
        assertTrue(harness.log.contains("[KV Cache] Flushed 2/2 writes to DynamoDB"));
    }

    @Test
    void aCrossingIsCaughtWhenEveryRunIsANewContainer() {
        harness.market.set("AAPL", 190);
        alert("a1", Condition.CROSSES_ABOVE, 200, RearmPolicy.rearm(1));
        harness.container().run(); // records the side below, and writes it: the container may never run again

        harness.market.set("AAPL", 205);
        harness.clock.advance(FIVE_MINUTES);
        assertEquals(1, harness.container().run().get("alertsFired"), "a new container knows the alert was below");
    }

    @Test
    void aRecycledContainerDoesNotNotifyAgain() {
        harness.market.set("AAPL", 205);
        alert("once", Condition.ABOVE, 200, RearmPolicy.once());
        alert("cool", Condition.ABOVE, 200, RearmPolicy.cooldown(Duration.ofHours(4)));
        harness.container().run();
        assertEquals(2, harness.webhook.bodies().size());

        // The first container is gone; a new one starts with an empty cache over the same table.
        harness.clock.advance(FIVE_MINUTES);
        Map<String, Object> report = harness.container().run();

        assertEquals(0, report.get("alertsFired"));
        assertEquals(2, harness.webhook.bodies().size());
        assertEquals(1, stored("once").fireCount());
        assertEquals(1, stored("cool").fireCount());
    }

    @Test
    void anOlderContainerCannotOverwriteNewerState() {
        harness.market.set("AAPL", 150);
        alert("a1", Condition.ABOVE, 200, RearmPolicy.once());
        CronHarness.Container older = harness.container();
        older.run(); // loads the state as never fired

        harness.market.set("AAPL", 205);
        harness.clock.advance(FIVE_MINUTES);
        harness.container().run(); // a newer container fires and records it
        assertEquals(1, harness.webhook.bodies().size());
        AlertState newer = stored("a1");

        harness.clock.advance(FIVE_MINUTES);
        Map<String, Object> report = older.run(); // still believes the alert is armed at version 0

        assertEquals(1, harness.webhook.bodies().size(), "the refused firing is not sent");
        assertEquals(newer, stored("a1"));
        assertTrue(harness.log.stream().anyMatch(l -> l.contains("Refused write for alert a1")), harness.log.toString());
        assertEquals(0, ((Map<?, ?>) report.get("cache")).get("pendingWrites"));
    }

    @Test
    void aFailedDeliveryIsRetriedNextRunAndNotRepeatedOnceDelivered() {
        harness.market.set("AAPL", 205);
        alert("a1", Condition.ABOVE, 200, RearmPolicy.once());
        CronHarness.Container container = harness.container();
        harness.webhook.respondWith(500);
        Map<String, Object> first = container.run();
        assertEquals(1, first.get("alertsFired"));
        assertEquals(1, first.get("deliveryFailures"));
        assertEquals(List.of("webhook"), owed("a1"));

        harness.webhook.respondWith(204);
        harness.clock.advance(FIVE_MINUTES);
        // Even from a fresh container: the pending delivery is durable.
        Map<String, Object> second = harness.container().run();
        assertEquals(1, second.get("notificationsSent"));
        assertEquals(List.of(), owed("a1"));

        harness.clock.advance(FIVE_MINUTES);
        harness.container().run();
        assertEquals(1, harness.webhook.bodies().size());
    }

    @Test
    void aProviderOutageLeavesStatesAloneAndIsReported() {
        harness.market.set("AAPL", 205);
        alert("a1", Condition.ABOVE, 200, RearmPolicy.once());
        harness.yahoo.failWith(503);

        Map<String, Object> report = harness.container().run();

        assertEquals(0, report.get("alertsChecked"));
        assertEquals(List.of("AAPL"), report.get("symbolsUnavailable"));
        assertTrue(harness.webhook.bodies().isEmpty());

        harness.yahoo.failWith(0);
        harness.clock.advance(FIVE_MINUTES);
        assertEquals(1, harness.container().run().get("alertsFired"));
    }
}
