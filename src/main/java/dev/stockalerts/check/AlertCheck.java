package dev.stockalerts.check;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.AlertEvaluator;
import dev.stockalerts.alert.AlertState;
import dev.stockalerts.alert.Evaluation;
import dev.stockalerts.config.ConfigCache;
import dev.stockalerts.dynamo.DynamoMetrics;
import dev.stockalerts.dynamo.DynamoUsage;
import dev.stockalerts.notify.DeliveryReport;
import dev.stockalerts.notify.Notification;
import dev.stockalerts.notify.Notifier;
import dev.stockalerts.quote.Quote;
import dev.stockalerts.quote.QuoteLookup;
import dev.stockalerts.quote.QuoteService;
import dev.stockalerts.state.AlertStateCache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One scheduled run: evaluate every alert against one quote per symbol, make firings durable,
 * then notify, then flush queued state when due.
 */
public final class AlertCheck {
    private final ConfigCache config;
    private final AlertStateCache cache;
    private final QuoteService quotes;
    private final Notifier notifier;
    private final DynamoMetrics metrics;
    private final Clock clock;
    private final Consumer<String> log;

    public AlertCheck(ConfigCache config, AlertStateCache cache, QuoteService quotes, Notifier notifier,
                      DynamoMetrics metrics, Clock clock, Consumer<String> log) {
        this.config = config;
        this.cache = cache;
        this.quotes = quotes;
        this.notifier = notifier;
        this.metrics = metrics;
        this.clock = clock;
        this.log = log;
    }

    public CheckReport run() {
        long started = System.nanoTime();
        Instant now = clock.instant();
        DynamoUsage before = metrics.snapshot();
        int quotesBefore = quotes.quotesFetched();

        cache.ensureLoaded(now, config.get().alertsRevision());
        List<Alert> alerts = cache.alerts();
        Set<String> symbols = alerts.stream().map(Alert::symbol).collect(Collectors.toCollection(TreeSet::new));
        QuoteLookup lookup = symbols.isEmpty()
                ? new QuoteLookup(Map.of(), Set.of(), Set.of(), List.of()) : quotes.lookup(symbols);

        int checked = 0;
        int fired = 0;
        for (Alert alert : alerts) {
            // A re-arm asked for through the API counts even when no quote came back this run.
            AlertState state = AlertEvaluator.applyRearmRequest(alert, cache.state(alert.id()));
            cache.update(state);
            Quote quote = lookup.quotes().get(alert.symbol());
            if (quote == null) continue; // unknown or unavailable: the state stays as it was
            Evaluation evaluation = AlertEvaluator.evaluate(alert, state, quote, now);
            cache.update(evaluation.next());
            checked++;
            if (evaluation.fired()) fired++;
        }

        Deliveries deliveries = deliverOwed(alerts, now);
        cache.flushIfDue(now);

        if (!lookup.unknown().isEmpty()) log.accept("[Check] No provider knows symbols " + lookup.unknown());
        DynamoUsage used = metrics.snapshot().minus(before);
        return new CheckReport(now, checked, fired, deliveries.sent, deliveries.failed, symbols.size(),
                quotes.quotesFetched() - quotesBefore,
                List.copyOf(new TreeSet<>(union(lookup.unknown(), lookup.unavailable()))),
                (int) used.calls(), used.readUnits(), used.writeUnits(), used.callsByOperation(),
                cache.getCacheStats(now), Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    /**
     * Sends what every firing still owes, new or retried. Each is claimed first (a durable,
     * version-conditional write), so a container that dies after this never forgets a firing, and a
     * stale container is refused instead of sending twice. What got through is settled at once.
     */
    private Deliveries deliverOwed(List<Alert> alerts, Instant now) {
        Map<String, Alert> byId = alerts.stream().collect(Collectors.toMap(Alert::id, a -> a));
        Deliveries deliveries = new Deliveries();
        List<AlertState> owed = cache.owingDelivery();
        if (owed.isEmpty()) return deliveries;
        Set<String> claimed = cache.claim(owed, now);
        Map<String, List<String>> stillOwed = new LinkedHashMap<>();
        for (AlertState state : owed) {
            if (!claimed.contains(state.alertId())) continue;
            Alert alert = byId.get(state.alertId());
            if (alert == null || state.lastFiredPrice() == null) {
                stillOwed.put(state.alertId(), List.of()); // nothing left to tell anyone
                continue;
            }
            Notification notification = Notification.of(alert, state.lastFiredPrice(), state.lastFiredAt(), state.fireCount());
            DeliveryReport report = notifier.deliver(notification, state.pendingChannels());
            deliveries.sent += report.delivered().size();
            deliveries.failed += report.failed().size();
            for (DeliveryReport.Failure failure : report.failed()) {
                log.accept("[Notify] " + failure.channel() + " failed for alert " + alert.id() + ": " + failure.reason()
                        + (failure.retryable() ? " (retrying next run)" : " (giving up)"));
            }
            stillOwed.put(state.alertId(), report.retryableChannels());
        }
        cache.settle(stillOwed);
        return deliveries;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static final class Deliveries {
        int sent;
        int failed;
    }
}
