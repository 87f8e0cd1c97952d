package dev.stockalerts.local;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.stockalerts.alert.Alert;
import dev.stockalerts.config.Settings;
import dev.stockalerts.dynamo.DynamoAlertRepository;
import dev.stockalerts.dynamo.DynamoUsage;
import dev.stockalerts.handler.AlertsCronFunction;
import dev.stockalerts.time.DeadlineContext;
import dev.stockalerts.wiring.CronComponents;
import dev.stockalerts.wiring.Outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * N seeded alerts on a simulated market and the real cron handler run every 5 simulated minutes,
 * over one table: what both `simulate` and `benchmark` measure.
 */
final class CronScenario implements AutoCloseable {
    static final Instant START = Instant.parse("2026-11-23T00:00:00Z");
    private static final Duration TICK = Duration.ofMinutes(5);

    final SimulatedClock clock = new SimulatedClock(START);
    final SimulatedMarket market = new SimulatedMarket(clock, 42);
    final List<Alert> alerts;
    private final LocalDatabase db;
    private final YahooFeedServer feed;
    private final WebhookReceiver webhook;
    private final CronComponents cron;
    private final AlertsCronFunction handler;

    /** One simulated hour: what DynamoDB reported, how many alerts fired, how long each run took. */
    record Hour(DynamoUsage usage, int fired, List<Long> runMillis) {}

    CronScenario(LocalDatabase db, String table, int alertCount, Consumer<String> log, Consumer<String> onWebhook) {
        this.db = db;
        AlertSeeder.listSymbols(market, 7);
        feed = new YahooFeedServer(market);
        webhook = new WebhookReceiver(onWebhook);
        alerts = AlertSeeder.alerts(alertCount, market, clock.instant(), 11);
        DynamoAlertRepository repository = new DynamoAlertRepository(db.client(), table);
        alerts.forEach(repository::put);
        Settings settings = Settings.from(Map.of(
                "TABLE_NAME", table,
                "QUOTE_PROVIDERS", "yahoo",
                "YAHOO_BASE_URL", feed.baseUri().toString(),
                "ALERT_WEBHOOK_URL", webhook.baseUri() + "/alerts"));
        cron = CronComponents.create(settings, db.client(), db.metrics(), new DeadlineContext(),
                Outbound.fromSettings(settings, clock, null, log), clock, log);
        handler = new AlertsCronFunction(cron.check(), line -> {});
    }

    CronComponents components() {
        return cron;
    }

    Hour runHour() {
        DynamoUsage before = db.metrics().snapshot();
        int fired = 0;
        List<Long> millis = new ArrayList<>(12);
        for (int tick = 0; tick < 12; tick++) {
            long started = System.nanoTime();
            Map<String, Object> report = handler.handleRequest(new ScheduledEvent(), null);
            millis.add((System.nanoTime() - started) / 1_000_000);
            fired += ((Number) report.get("alertsFired")).intValue();
            clock.advance(TICK);
        }
        return new Hour(db.metrics().snapshot().minus(before), fired, millis);
    }

    @Override
    public void close() {
        feed.close();
        webhook.close();
    }
}
