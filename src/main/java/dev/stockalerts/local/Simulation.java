package dev.stockalerts.local;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The README's first command: N alerts on a simulated feed, the real cron handler every 5 simulated
 * minutes for H hours, on DynamoDB Local, printing notifications and DynamoDB usage per hour.
 */
final class Simulation {
    private Simulation() {}

    static void run(int alertCount, int hours) {
        AtomicInteger notifications = new AtomicInteger();
        try (LocalDatabase db = new LocalDatabase();
             CronScenario scenario = new CronScenario(db, db.table(System.getenv().getOrDefault("TABLE_NAME", "stock-alerts-local")),
                     alertCount, cacheLog(), body -> {
                         notifications.incrementAndGet();
                         System.out.println("  [Webhook] " + body);
                     })) {
            System.out.printf(Locale.ROOT, "[Local] seeded %d alerts on %d symbols; simulating %d h of 5-minute runs%n",
                    scenario.alerts.size(), AlertSeeder.SYMBOLS.size(), hours);
            HourlyUsage usage = new HourlyUsage(System.out::println);
            for (int hour = 0; hour < hours; hour++) {
                CronScenario.Hour result = scenario.runHour();
                usage.add(result.usage(), result.fired());
            }
            HourlyUsage.Steady steady = usage.steadyState();
            System.out.println();
            System.out.printf(Locale.ROOT, "Steady state, %d alerts, hours %d-%d: %.1f DynamoDB calls/h (max %d), %.1f consumed CU/h (max %.1f)%n",
                    alertCount, steady.from(), steady.to(), steady.calls(), steady.maxCalls(),
                    steady.capacityUnits(), steady.maxUnits());
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
