package dev.stockalerts.check;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.local.AlertSeeder;
import dev.stockalerts.local.SimulatedMarket;
import dev.stockalerts.local.WebhookReceiver;
import dev.stockalerts.local.YahooFeedServer;
import dev.stockalerts.testing.CronHarness;
import dev.stockalerts.testing.Figures;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What 100 alerts cost in DynamoDB per hour at a 5-minute cadence, pinned near what is measured, not only under the
 * budget: the simulate scenario's mix (all five conditions, a third each of ONCE, REARM and COOLDOWN, levels near
 * the price on a moving market), its hours 2 onwards (hour 0 is the cold start, hour 1 the first flush). Counts, not
 * timings: deterministic. Both scenarios run in an in-process {@link CronHarness}, the clock moved by hand.
 */
class CostBudgetTest {
    /*
     * Healthy, measured here: 20.4 calls and 29 CU an hour on average, worst hours 26 calls and 47.5 CU (simulate,
     * from midnight: 20.7 and 30.5, worst 26 and 49.5). Calls are 12 config reads, the hourly Query, and about one
     * claim and one settling batch per run with firings, so ~20% headroom on the average is room for a livelier hour,
     * not for a design change. The budget (issue 2: 30 calls, 150 CU) would also pass a design that flushes every state
     * every hour (~120 CU at 100 alerts); 36 CU on average would not. The worst hour gets the budget's 30 calls and
     * 60 CU: one hour with twice the usual firings.
     */
    static final double HEALTHY_CALLS = 24;
    static final double HEALTHY_UNITS = 36;
    static final long WORST_HOUR_CALLS = 30;
    static final double WORST_HOUR_UNITS = 60;
    /**
     * With the webhook down, every hour stays within twice the healthy figure (2 x 20.7 calls: issue 8), however long
     * the outage: measured 18-29 calls and 27-72 CU an hour, flat after the first hours, where each firing used to
     * start a retry schedule of its own (36-56 calls, CU climbing to 180 by hour 28).
     */
    static final double OUTAGE_CALLS_PER_HOUR = 2 * 20.7;
    static final double OUTAGE_UNITS = 2 * 30.5;
    static final double OUTAGE_WORST_HOUR_UNITS = 100;

    /** One simulated hour of 12 runs. */
    private record Hour(StoreUsage usage, int fired, int givenUp, int owed) {}

    private static List<Hour> run(int hours, int webhookStatus, WebhookReceiver admin) {
        try (CronHarness harness = new CronHarness()) {
            // A moving market, so alerts fire and states change as they would in a real day.
            SimulatedMarket market = new SimulatedMarket(harness.clock, 42);
            AlertSeeder.listSymbols(market, 7);
            try (YahooFeedServer feed = new YahooFeedServer(market)) {
                harness.env("YAHOO_BASE_URL", feed.baseUri().toString())
                        .env("ADMIN_WEBHOOK_URL", admin.baseUri() + "/admin");
                harness.webhook.respondWith(webhookStatus);
                List<Alert> alerts = AlertSeeder.alerts(100, market, harness.clock.instant(), 11);
                alerts.forEach(harness::putAlert);
                CronHarness.Container container = harness.container();
                List<Hour> result = new ArrayList<>();
                for (int hour = 0; hour < hours; hour++) {
                    StoreUsage before = container.metrics().snapshot();
                    int fired = 0;
                    int givenUp = 0;
                    int owed = 0;
                    for (int tick = 0; tick < 12; tick++) {
                        Map<String, Object> report = container.run();
                        fired += (Integer) report.get("alertsFired");
                        givenUp += (Integer) report.get("deliveriesGivenUp");
                        owed = (Integer) report.get("deliveriesOwed");
                        harness.clock.advance(Duration.ofMinutes(5));
                    }
                    result.add(new Hour(container.metrics().snapshot().minus(before), fired, givenUp, owed));
                }
                return result;
            }
        }
    }

    private static List<Hour> steady(List<Hour> hours) {
        return hours.subList(2, hours.size());
    }

    private static double average(List<Hour> hours, java.util.function.ToDoubleFunction<StoreUsage> f) {
        return hours.stream().mapToDouble(h -> f.applyAsDouble(h.usage())).average().orElseThrow();
    }

    private static String table(List<Hour> hours) {
        StringBuilder out = new StringBuilder("hour | calls | CU | fired | given up | owed after | calls by operation\n");
        for (int i = 0; i < hours.size(); i++) {
            Hour h = hours.get(i);
            out.append(String.format(Locale.ROOT, "%d | %d | %.1f | %d | %d | %d | %s%n", i, h.usage().calls(),
                    h.usage().capacityUnits(), h.fired(), h.givenUp(), h.owed(), h.usage().callsByOperation()));
        }
        return out.toString();
    }

    @Test
    void hundredAlertsCostWhatTheyAreMeasuredToCostEveryHourAndOnAverage() {
        try (WebhookReceiver admin = new WebhookReceiver(body -> {})) {
            List<Hour> hours = steady(run(10, 204, admin));

            double calls = average(hours, StoreUsage::calls);
            double units = average(hours, StoreUsage::capacityUnits);
            assertTrue(calls <= HEALTHY_CALLS, "average calls/h " + calls + "\n" + table(hours));
            assertTrue(units <= HEALTHY_UNITS, "average CU/h " + units + "\n" + table(hours));
            for (Hour h : hours) {
                assertTrue(h.usage().calls() <= WORST_HOUR_CALLS, table(hours));
                assertTrue(h.usage().capacityUnits() <= WORST_HOUR_UNITS, table(hours));
            }
            assertTrue(hours.stream().mapToInt(Hour::fired).sum() > 10, "the market moved enough to fire alerts");
        }
    }

    @Test
    void aWebhookDownForMoreThanADayCostsLessThanTwiceTheHealthyFigureEveryHourAndItsDeliveriesAreGivenUpAfter24h() {
        try (WebhookReceiver admin = new WebhookReceiver(body -> {})) {
            List<Hour> all = run(26, 500, admin);
            List<Hour> hours = steady(all);
            Figures.record("webhook-outage", table(all));

            for (Hour h : all.subList(1, all.size())) {
                assertTrue(h.usage().calls() <= OUTAGE_CALLS_PER_HOUR, table(all));
                assertTrue(h.usage().capacityUnits() <= OUTAGE_WORST_HOUR_UNITS, table(all));
            }
            double units = average(hours, StoreUsage::capacityUnits);
            assertTrue(units <= OUTAGE_UNITS, "average CU/h " + units + "\n" + table(all));

            assertEquals(0, all.subList(0, 24).stream().mapToInt(Hour::givenUp).sum(), "nothing is given up within 24 h");
            int givenUp = all.subList(24, 26).stream().mapToInt(Hour::givenUp).sum();
            assertTrue(givenUp > 0, table(all));
            // The merged ledger is retried hourly: a firing is given up at its first retry past 24 h, within the hour.
            assertTrue(givenUp >= all.get(0).fired() && givenUp <= all.subList(0, 3).stream().mapToInt(Hour::fired).sum(),
                    "the first hours' firings given up 24-25 h after they fired: " + table(all));
            assertTrue(admin.bodies().size() >= 1 && admin.bodies().size() <= 3, "an admin notice an hour at most: " + admin.bodies());
            assertTrue(admin.bodies().get(0).contains("deliveries given up"), admin.bodies()::toString);
        }
    }
}
