package dev.stockalerts.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.Condition;
import dev.stockalerts.alert.RearmPolicy;
import dev.stockalerts.testing.CronHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scheduled function on NYSE hours (MARKET_CALENDAR=XNYS) over DynamoDB Local and a loopback Yahoo: closed
 * markets cost no provider request and no DynamoDB call beyond the config read. CronHarness.T0 is Monday
 * 2026-11-23 14:00Z, half an hour before the 09:30 New York open.
 */
class MarketHoursIntegrationTest {
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private final CronHarness harness = new CronHarness().env("MARKET_CALENDAR", "XNYS");

    @AfterEach
    void close() {
        harness.close();
    }

    private void alert(String id, String market) {
        harness.putAlert(new Alert(id, "AAPL", Condition.ABOVE, 200, RearmPolicy.once(), List.of("webhook"),
                CronHarness.T0.minusSeconds(3600), null, null, 1, 1, market));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> ops(Map<String, Object> report) {
        return (Map<String, Long>) report.get("dynamoCallsByOperation");
    }

    @Test
    void beforeTheOpenNothingIsRequestedOrEvaluatedAndTheFirstRunAfterItFires() {
        harness.market.set("AAPL", 205);
        alert("a1", null);
        CronHarness.Container cron = harness.container();
        cron.run(); // cold start at 09:00 New York: loads what it holds, asks no provider

        for (int i = 1; i <= 5; i++) {
            harness.clock.advance(FIVE_MINUTES);
            Map<String, Object> quiet = cron.run();
            assertEquals(0, quiet.get("alertsChecked"));
            assertEquals(Map.of("GetItem", 1L), ops(quiet), "only the config read while closed, at " + harness.clock.instant());
        }
        assertEquals(0, harness.yahoo.requests());

        harness.clock.advance(FIVE_MINUTES); // 14:30Z: the open
        Map<String, Object> open = cron.run();
        assertEquals(1, open.get("alertsFired"));
        assertEquals(1, harness.webhook.bodies().size());
    }

    @Test
    void aYearPastTheBuiltInHolidaysIsSaidOncePerContainer() {
        try (CronHarness in2028 = new CronHarness(Instant.parse("2028-03-01T15:00:00Z")).env("MARKET_CALENDAR", "XNYS")) {
            in2028.putAlert(new Alert("a1", "AAPL", Condition.ABOVE, 200, RearmPolicy.once(), List.of("webhook"),
                    Instant.parse("2028-03-01T14:00:00Z")));
            CronHarness.Container cron = in2028.container();
            cron.run();
            in2028.clock.advance(FIVE_MINUTES);
            cron.run();
            List<String> warnings = in2028.log.stream().filter(l -> l.contains("has no holidays built in")).toList();
            assertEquals(List.of("[Check] XNYS has no holidays built in for 2028: every weekday is taken for a full"
                    + " session until market/XnysHolidays lists that year"), warnings);
        }
        alert("a1", null);
        harness.container().run();
        assertTrue(harness.log.stream().noneMatch(l -> l.contains("has no holidays built in")), "2026's are built in");
    }

    @Test
    void holidaysAndTheAfternoonOfAnEarlyCloseAreClosed() {
        harness.market.set("AAPL", 205);
        alert("a1", null);
        for (Instant closed : List.of(Instant.parse("2026-11-26T16:00:00Z"), Instant.parse("2026-11-27T18:05:00Z"))) {
            harness.clock.advance(Duration.between(harness.clock.instant(), closed));
            assertEquals(0, harness.container().run().get("alertsChecked"), "closed at " + closed);
        }
        assertEquals(0, harness.yahoo.requests());
        harness.clock.advance(Duration.between(harness.clock.instant(), Instant.parse("2026-11-27T17:55:00Z").plusSeconds(86_400 * 3)));
        assertEquals(1, harness.container().run().get("alertsFired"), "Monday 2026-11-30 12:55 New York: open");
    }

    @Test
    void anAlertOnItsOwnAlwaysOpenCalendarIsCheckedWhileNyseIsClosed() throws Exception {
        harness.market.set("AAPL", 205);
        alert("nyse", null);
        alert("crypto-style", "ALWAYS");

        Map<String, Object> report = harness.container().run();

        assertEquals(1, report.get("alertsChecked"));
        assertEquals(1, report.get("alertsFired"));
        JsonNode body = new ObjectMapper().readTree(harness.webhook.bodies().get(0));
        assertEquals("crypto-style", body.get("alertId").asText());
    }

    @Test
    void anApiChangeWhileClosedIsReadButStatesAreNotReloaded() {
        harness.market.set("AAPL", 205);
        alert("a1", null);
        harness.clock.advance(Duration.between(harness.clock.instant(), Instant.parse("2026-11-26T14:00:00Z"))); // Thanksgiving
        CronHarness.Container cron = harness.container();
        cron.run();
        alert("a2", "ALWAYS"); // as the API would, with a revision bump
        harness.bumpRevision();
        harness.clock.advance(Duration.ofMinutes(70)); // past the state cache's TTL, the market still closed

        Map<String, Object> report = cron.run();

        assertEquals(1L, ops(report).get("Query"), "the definitions, once; no reload of states while every market but a2's is closed");
        assertEquals(1, report.get("alertsFired"), "a2 trades around the clock");
        assertTrue(harness.log.stream().anyMatch(l -> l.contains("Alert definitions changed")), harness.log.toString());
    }
}
