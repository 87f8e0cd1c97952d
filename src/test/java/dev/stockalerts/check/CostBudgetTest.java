package dev.stockalerts.check;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.dynamo.DynamoUsage;
import dev.stockalerts.local.AlertSeeder;
import dev.stockalerts.local.SimulatedMarket;
import dev.stockalerts.local.YahooFeedServer;
import dev.stockalerts.testing.CronHarness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guards the budget: 100 alerts at a 5-minute cadence stay within 30 DynamoDB calls and
 * 150 consumed capacity units per hour in steady state. Counts, not timings: deterministic.
 */
class CostBudgetTest {

    @Test
    void hundredAlertsStayWithinTheHourlyBudget() {
        try (CronHarness harness = new CronHarness()) {
            // A moving market, so alerts fire and states change as they would in a real day.
            SimulatedMarket market = new SimulatedMarket(harness.clock, 42);
            AlertSeeder.listSymbols(market, 7);
            try (YahooFeedServer feed = new YahooFeedServer(market)) {
                harness.env("YAHOO_BASE_URL", feed.baseUri().toString());
                List<Alert> alerts = AlertSeeder.alerts(100, market, harness.clock.instant(), 11);
                alerts.forEach(harness::putAlert);
                CronHarness.Container container = harness.container();

                for (int hour = 0; hour < 4; hour++) {
                    DynamoUsage before = container.metrics().snapshot();
                    for (int tick = 0; tick < 12; tick++) {
                        container.run();
                        harness.clock.advance(Duration.ofMinutes(5));
                    }
                    DynamoUsage used = container.metrics().snapshot().minus(before);
                    if (hour == 0) continue; // the cold start
                    assertTrue(used.calls() <= 30, "hour " + hour + ": " + used);
                    assertTrue(used.capacityUnits() <= 150, "hour " + hour + ": " + used);
                }
                assertTrue(harness.webhook.bodies().size() > 0, "the market moved enough to fire alerts");
            }
        }
    }
}
