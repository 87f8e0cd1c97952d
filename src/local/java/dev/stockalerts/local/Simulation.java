package dev.stockalerts.local;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The README's first command: N alerts on a simulated feed, the real cron handler every 5 simulated
 * minutes for H hours, on DynamoDB Local, printing notifications, DynamoDB usage and provider requests per hour.
 * With ALERT_SHARDS in the environment ({@code --shards K}), K shard handlers in their own containers over the one
 * table, and each shard's figures after the total.
 */
final class Simulation {
    private Simulation() {}

    /**
     * @param symbols     distinct symbols the alerts spread over
     * @param start       the simulated clock's start
     * @param webhookStatus what the webhook answers every notification with: 500 simulates an outage
     * @param environment   where quotes come from when it names providers (see {@link CronScenario.Options}), and ALERT_SHARDS
     * @param shuffled      whether each tick hands the shards to the containers at random instead of each to its own
     */
    static void run(int alertCount, int hours, int symbols, Instant start, int webhookStatus, Map<String, String> environment,
                    boolean shuffled) {
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
            if (scenario.shards() > 1) {
                if (shuffled) scenario.shufflePlacement(7);
                System.out.printf(Locale.ROOT, "[Local] %d shards, each run by its own handler every 5 minutes; %s%n", scenario.shards(),
                        shuffled ? "each tick hands the shards to the containers in a random order" : "each shard keeps its own container");
            }
            HourlyUsage usage = new HourlyUsage(System.out::println);
            List<HourlyUsage> perShard = new ArrayList<>();
            for (int shard = 0; shard < scenario.shards(); shard++) perShard.add(new HourlyUsage(line -> {}));
            List<Long> steadyMillis = new ArrayList<>();
            for (int hour = 0; hour < hours; hour++) {
                CronScenario.Hour result = scenario.runHour();
                usage.add(result.usage(), result.fired(), result.providerRequests());
                if (hour >= 2 || hours <= 2) steadyMillis.addAll(result.runMillis());
                for (int shard = 0; shard < scenario.shards(); shard++) {
                    CronScenario.ShardHour own = result.shards().get(shard);
                    perShard.get(shard).add(own.usage(), own.fired(), own.providerRequests());
                }
            }
            HourlyUsage.Steady steady = usage.steadyState();
            System.out.println();
            System.out.printf(Locale.ROOT, "Steady state, %d alerts, hours %d-%d: %.1f DynamoDB calls/h (max %d), %.1f consumed CU/h (max %.1f), "
                            + "%.1f provider requests/h%n",
                    alertCount, steady.from(), steady.to(), steady.calls(), steady.maxCalls(),
                    steady.capacityUnits(), steady.maxUnits(), steady.providerRequests());
            if (scenario.shards() > 1) ShardFigures.print(scenario.alerts, perShard, steady, steadyMillis);
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
