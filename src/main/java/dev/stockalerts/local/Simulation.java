package dev.stockalerts.local;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.stockalerts.alert.Alert;
import dev.stockalerts.config.Settings;
import dev.stockalerts.dynamo.DynamoAlertRepository;
import dev.stockalerts.dynamo.DynamoUsage;
import dev.stockalerts.handler.AlertsCronFunction;
import dev.stockalerts.wiring.CronComponents;
import dev.stockalerts.wiring.Outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The README's first command: N alerts on a simulated feed, the real cron handler every 5 simulated
 * minutes for H hours, on DynamoDB Local, printing notifications and DynamoDB usage per hour.
 */
final class Simulation {
    private static final Duration TICK = Duration.ofMinutes(5);
    private static final Instant START = Instant.parse("2026-11-23T00:00:00Z");

    static void run(int alertCount, int hours) {
        SimulatedClock clock = new SimulatedClock(START);
        SimulatedMarket market = new SimulatedMarket(clock, 42);
        AlertSeeder.listSymbols(market, 7);
        AtomicInteger notifications = new AtomicInteger();
        try (LocalDatabase db = new LocalDatabase(System.getenv().getOrDefault("TABLE_NAME", "stock-alerts-local"));
             YahooFeedServer feed = new YahooFeedServer(market);
             WebhookReceiver webhook = new WebhookReceiver(body -> {
                 notifications.incrementAndGet();
                 System.out.println("  [Webhook] " + body);
             })) {
            List<Alert> alerts = AlertSeeder.alerts(alertCount, market, clock.instant(), 11);
            DynamoAlertRepository repository = new DynamoAlertRepository(db.client(), db.table());
            alerts.forEach(repository::put);
            System.out.printf(Locale.ROOT, "[Local] seeded %d alerts on %d symbols; simulating %d h of 5-minute runs%n",
                    alerts.size(), AlertSeeder.SYMBOLS.size(), hours);

            Settings settings = Settings.from(Map.of(
                    "TABLE_NAME", db.table(),
                    "QUOTE_PROVIDERS", "yahoo",
                    "YAHOO_BASE_URL", feed.baseUri().toString(),
                    "ALERT_WEBHOOK_URL", webhook.baseUri() + "/alerts"));
            Consumer<String> log = cacheLog();
            CronComponents cron = CronComponents.create(settings, db.client(), db.metrics(),
                    Outbound.fromSettings(settings, clock, null, log), clock, log);
            AlertsCronFunction handler = new AlertsCronFunction(cron.check(), line -> {});

            HourlyUsage usage = new HourlyUsage();
            for (int hour = 0; hour < hours; hour++) {
                DynamoUsage before = db.metrics().snapshot();
                int fired = 0;
                for (int tick = 0; tick < 12; tick++) {
                    Map<String, Object> report = handler.handleRequest(scheduledEvent(clock.instant()), null);
                    fired += ((Number) report.get("alertsFired")).intValue();
                    clock.advance(TICK);
                }
                usage.add(hour, db.metrics().snapshot().minus(before), fired);
            }
            usage.printSummary(alertCount, notifications.get());
        }
    }

    /** The cache's own lines, minus the per-alert "Queued" ones that would drown the output. */
    private static Consumer<String> cacheLog() {
        return line -> {
            if (!line.contains("Queued state update")) System.out.println("  " + line);
        };
    }

    private static ScheduledEvent scheduledEvent(Instant time) {
        ScheduledEvent event = new ScheduledEvent();
        event.setSource("aws.events");
        event.setDetailType("Scheduled Event");
        return event;
    }
}
