package dev.stockalerts.check;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.AlertEvaluator;
import dev.stockalerts.alert.AlertState;
import dev.stockalerts.alert.Evaluation;
import dev.stockalerts.alert.Observation;
import dev.stockalerts.delivery.Deliveries;
import dev.stockalerts.delivery.DeliveryRun;
import dev.stockalerts.market.MarketCalendar;
import dev.stockalerts.quote.Quote;
import dev.stockalerts.quote.QuoteLookup;
import dev.stockalerts.quote.QuoteService;
import dev.stockalerts.state.AlertStateCache;
import dev.stockalerts.time.Deadline;
import dev.stockalerts.time.DeadlineContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One scheduled run: evaluate every alert against one quote per symbol, claim and send what fired,
 * then flush queued state when due, all before the run's deadline. The deadline is split between the
 * phases so that a slow provider or webhook still leaves time to record what happened.
 */
public final class AlertCheck {
    /** Quotes may use the first half of the run's time; sends end by four fifths, leaving the rest to settle and flush. */
    static final double QUOTES_SHARE = 0.5;
    static final double SENDS_SHARE = 0.8;

    private final ConfigCache config;
    private final AlertStateCache cache;
    private final QuoteService quotes;
    private final Deliveries deliveries;
    private final UsageMeter metrics;
    private final DeadlineContext deadlines;
    private final Clock clock;
    private final MarketCalendar defaultCalendar;
    private final IntradayRanges ranges = new IntradayRanges();
    /** Calendar and year pairs already said to lack built-in holidays, so the warning comes once per container. */
    private final Set<String> holidaysWarned = new HashSet<>();
    private final Consumer<String> log;

    /** @param defaultCalendar the market an alert without its own is checked on (MARKET_CALENDAR) */
    public AlertCheck(ConfigCache config, AlertStateCache cache, QuoteService quotes, Deliveries deliveries,
                      UsageMeter metrics, DeadlineContext deadlines, Clock clock, MarketCalendar defaultCalendar,
                      Consumer<String> log) {
        this.config = config;
        this.cache = cache;
        this.quotes = quotes;
        this.deliveries = deliveries;
        this.metrics = metrics;
        this.deadlines = deadlines;
        this.clock = clock;
        this.defaultCalendar = defaultCalendar;
        this.log = log;
    }

    /** @param deadline when the run must have answered: Lambda's end minus a margin */
    public CheckReport run(Deadline deadline) {
        return deadlines.within(deadline, () -> check(deadline));
    }

    private CheckReport check(Deadline deadline) {
        long started = System.nanoTime();
        Deadline quotesBy = deadline.share(QUOTES_SHARE);
        Deadline sendsBy = deadline.share(SENDS_SHARE);
        Instant now = clock.instant();
        StoreUsage before = metrics.snapshot();
        int quotesBefore = quotes.quotesFetched();
        MarketHours hours = new MarketHours(defaultCalendar, now);

        long revision = config.get().alertsRevision();
        // With every market closed, states cannot change: no reload until one opens (an API change is still read).
        boolean allClosed = cache.loaded() && !cache.alerts().isEmpty() && cache.alerts().stream().noneMatch(hours::open);
        if (allClosed) cache.ensureDefinitions(revision);
        else cache.ensureLoaded(now, revision);
        List<Alert> alerts = cache.alerts();
        warnOfUnknownHolidays(alerts, hours, now);
        Set<String> symbols = alerts.stream().filter(hours::open).map(Alert::symbol).collect(Collectors.toCollection(TreeSet::new));
        QuoteLookup lookup = symbols.isEmpty() || quotesBy.expired()
                ? new QuoteLookup(Map.of(), Set.of(), symbols, List.of()) : quotes.lookup(symbols, quotesBy);
        Map<String, Observation> seen = observations(alerts, lookup, hours, now);

        int checked = 0;
        int fired = 0;
        for (Alert alert : alerts) {
            // An edit or a re-arm asked for through the API counts even when no quote came back this run.
            AlertState state = AlertEvaluator.applyRearmRequest(alert,
                    AlertEvaluator.applyDefinitionChange(alert, cache.state(alert.id())));
            cache.update(state);
            Quote quote = lookup.quotes().get(alert.symbol());
            // Closed market, unknown or unavailable symbol, or a quote from before today's session: left as it was.
            if (quote == null || !hours.open(alert) || hours.stale(alert, quote)) continue;
            Evaluation evaluation = AlertEvaluator.evaluate(alert, state, seen.get(alert.symbol()), now);
            cache.update(evaluation.next());
            checked++;
            if (evaluation.fired()) {
                fired++;
                deliveries.owe(evaluation.firing(), alert.channels());
            }
        }

        Map<String, Alert> byId = alerts.stream().collect(Collectors.toMap(Alert::id, Function.identity()));
        DeliveryRun delivery = deliveries.deliver(byId, cache, now, sendsBy);
        if (!deadline.expired()) cache.flushIfDue(now, deliveries.heldBack(), deadline);

        if (!lookup.unknown().isEmpty()) log.accept("[Check] No provider knows symbols " + lookup.unknown());
        StoreUsage used = metrics.snapshot().minus(before);
        Set<String> unavailable = new TreeSet<>(lookup.unknown());
        unavailable.addAll(lookup.unavailable());
        return new CheckReport(now, checked, fired, delivery.delivered(), delivery.failed(), delivery.unanswered(),
                delivery.notAttempted(), delivery.givenUp(), delivery.owed(), symbols.size(),
                quotes.quotesFetched() - quotesBefore, List.copyOf(unavailable),
                (int) used.calls(), used.readUnits(), used.writeUnits(), used.callsByOperation(),
                cache.getCacheStats(now), Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    /** A calendar past its built-in holidays takes every weekday for a full session: the operator is told. */
    private void warnOfUnknownHolidays(List<Alert> alerts, MarketHours hours, Instant now) {
        for (MarketCalendar calendar : alerts.stream().map(hours::calendarOf).distinct().toList()) {
            LocalDate today = LocalDate.ofInstant(now, calendar.zone());
            if (!calendar.holidaysKnown(today) && holidaysWarned.add(calendar.id() + " " + today.getYear())) {
                log.accept("[Check] " + calendar.id() + " has no holidays built in for " + today.getYear()
                        + ": every weekday is taken for a full session until market/XnysHolidays lists that year");
            }
        }
    }

    /** What this run sees of each quoted symbol, with how its day's range moved since the last run. */
    private Map<String, Observation> observations(List<Alert> alerts, QuoteLookup lookup, MarketHours hours, Instant now) {
        Map<String, Observation> seen = new HashMap<>();
        for (Alert alert : alerts) {
            Quote quote = lookup.quotes().get(alert.symbol());
            if (quote == null || seen.containsKey(alert.symbol()) || !hours.open(alert)) continue;
            seen.put(alert.symbol(), ranges.observe(alert.symbol(), quote, hours.tradingDay(quote, alert), now));
        }
        return seen;
    }
}
