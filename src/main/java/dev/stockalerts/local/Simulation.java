package dev.stockalerts.local;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The README's first command: N alerts on a simulated feed, the real cron handler every 5 simulated
 * minutes for H hours, on DynamoDB Local, printing notifications, DynamoDB usage and provider requests per hour.
 */
final class Simulation {
    private Simulation() {}

    /**
     * @param symbols     distinct symbols the alerts spread over
     * @param start       the simulated clock's start
     * @param webhookStatus what the webhook answers every notification with: 500 simulates an outage
     * @param environment where quotes come from when it names providers (see {@link CronScenario.Options})
     */
    static void run(int alertCount, int hours, int symbols, Instant start, int webhookStatus, Map<String, String> environment) {
        AtomicInteger notifications = new AtomicInteger();
        CronScenario.Options options = new CronScenario.Options(alertCount, symbols, start, Duration.ZERO, environment);
        try (LocalDatabase db = new LocalDatabase();
             CronScenario scenario = new CronScenario(db, db.table(environment.getOrDefault("TABLE_NAME", "stock-alerts-local")),
                     options, cacheLog(), body -> {
                         notifications.incrementAndGet();
                         System.out.println("  [Webhook] " + body);
                     })) {
            System.out.printf(Locale.ROOT, "[Local] seeded %d alerts on %d symbols, quotes from %s; simulating %d h of 5-minute runs from %s%n",
                    scenario.alerts.size(), symbols, scenario.quoteSource(), hours, start);
            scenario.webhookAnswers(webhookStatus);
            if (webhookStatus >= 300) System.out.println("[Local] the webhook answers HTTP " + webhookStatus + " to every notification");
            HourlyUsage usage = new HourlyUsage(System.out::println);
            for (int hour = 0; hour < hours; hour++) {
                CronScenario.Hour result = scenario.runHour();
                usage.add(result.usage(), result.fired(), result.providerRequests());
            }
            HourlyUsage.Steady steady = usage.steadyState();
            System.out.println();
            System.out.printf(Locale.ROOT, "Steady state, %d alerts, hours %d-%d: %.1f DynamoDB calls/h (max %d), %.1f consumed CU/h (max %.1f), "
                            + "%.1f provider requests/h%n",
                    alertCount, steady.from(), steady.to(), steady.calls(), steady.maxCalls(),
                    steady.capacityUnits(), steady.maxUnits(), steady.providerRequests());
            System.out.println("Original KV design for 100 alerts: 2,640 operations/h before its cache, ~200 after.");
            System.out.println("Notifications delivered to the webhook: " + notifications.get());
        }
    }

    /** The cache's own lines, minus the per-alert "Queued" ones that would drown the output. */
    private static Consumer<String> cacheLog() {
        return line -> {
            if (!line.contains("Queued state update")) System.out.println("  " + line);
        };
    }
}
