package dev.stockalerts.local;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.check.StoreUsage;
import dev.stockalerts.config.Settings;
import dev.stockalerts.dynamo.DynamoAlertRepository;
import dev.stockalerts.quote.Quote;
import dev.stockalerts.quote.QuoteService;
import dev.stockalerts.time.Deadline;
import dev.stockalerts.time.DeadlineContext;
import dev.stockalerts.wiring.Outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * N seeded alerts on a simulated market and the real cron handler run every 5 simulated minutes,
 * over one table: what both `simulate` and `benchmark` measure. Quotes come from the simulated market
 * served in Yahoo's format, or from the providers the environment names. With ALERT_SHARDS in the
 * environment, each shard's handler runs in its own container every 5 minutes.
 */
final class CronScenario implements AutoCloseable {
    static final Instant START = Instant.parse("2026-11-23T00:00:00Z");
    private static final Duration TICK = Duration.ofMinutes(5);
    private static final StoreUsage NOTHING = new StoreUsage(0, 0, 0, Map.of());
    /** Quote settings passed through from the environment, whichever the source. */
    static final List<String> QUOTE_VARIABLES = List.of("HTTP_TIMEOUT", "QUOTE_CACHE_TTL", "UNKNOWN_SYMBOL_TTL",
            "QUOTE_REQUESTS_PER_RUN", "QUOTE_REQUESTS_IN_FLIGHT", "YAHOO_SPARK", "YAHOO_SPARK_BATCH", "FINNHUB_CALLS_PER_MINUTE");
    /** How many shards the alerts are split into, each run by its own scheduled handler. */
    static final String SHARDS_VARIABLE = "ALERT_SHARDS";

    /**
     * @param symbols     distinct symbols the alerts spread over (the first 20 real tickers)
     * @param feedLatency how long the simulated feed takes to answer
     * @param environment provider and quote variables; any of {@link LocalEnvironment#PROVIDER_VARIABLES} replaces the
     *                    simulated feed
     */
    record Options(int alerts, int symbols, Instant start, Duration feedLatency, Map<String, String> environment) {
        boolean externalQuotes() {
            return LocalEnvironment.providerConfigured(environment);
        }
    }

    final SimulatedClock clock;
    final SimulatedMarket market;
    final List<Alert> alerts;
    private final LocalDatabase db;
    private final YahooFeedServer feed;
    private final WebhookReceiver webhook;
    private final QuoteService quotes;
    private final ScheduledContainers containers;

    /**
     * One simulated hour: what DynamoDB reported, alerts fired, each run's time and provider requests (every shard's
     * runs), and each shard's share.
     */
    record Hour(StoreUsage usage, int fired, List<Long> runMillis, List<Long> runRequests, List<ShardHour> shards) {
        long providerRequests() {
            return runRequests.stream().mapToLong(Long::longValue).sum();
        }
    }

    /** One shard's hour: what its runs cost in DynamoDB, fired and asked quote providers for. */
    record ShardHour(StoreUsage usage, int fired, long providerRequests) {}

    CronScenario(LocalDatabase db, String table, Options options, Consumer<String> log, Consumer<String> onWebhook) {
        this.db = db;
        clock = new SimulatedClock(options.start());
        market = new SimulatedMarket(clock, 42);
        AlertSeeder.listSymbols(market, 7, options.symbols());
        webhook = new WebhookReceiver(onWebhook);
        Map<String, String> vars = new HashMap<>();
        for (String name : QUOTE_VARIABLES) copy(options.environment(), name, vars);
        copy(options.environment(), SHARDS_VARIABLE, vars);
        if (options.externalQuotes()) {
            feed = null;
            for (String name : LocalEnvironment.PROVIDER_VARIABLES) copy(options.environment(), name, vars);
        } else {
            feed = new YahooFeedServer(market);
            feed.answerAfter(options.feedLatency());
            vars.put("QUOTE_PROVIDERS", "yahoo");
            vars.put("YAHOO_BASE_URL", feed.baseUri().toString());
        }
        vars.put("TABLE_NAME", table);
        vars.put("ALERT_WEBHOOK_URL", webhook.baseUri() + "/alerts");
        // The simulated market trades around the clock: the costliest case. MARKET_CALENDAR=XNYS runs NYSE hours.
        vars.put("MARKET_CALENDAR", options.environment().getOrDefault("MARKET_CALENDAR", "ALWAYS"));
        Settings settings = Settings.from(vars);
        Outbound outbound = Outbound.fromSettings(settings, clock, new DeadlineContext(), null, log);
        quotes = outbound.quotes();
        if (options.externalQuotes()) startAtRealPrices(log);
        alerts = AlertSeeder.alerts(options.alerts(), market, clock.instant(), 11);
        DynamoAlertRepository repository = new DynamoAlertRepository(db.client(), table, settings.alertShards());
        alerts.forEach(repository::put);
        containers = new ScheduledContainers(db, settings, outbound, clock, log);
    }

    private static void copy(Map<String, String> from, String name, Map<String, String> to) {
        if (LocalEnvironment.isSet(from, name)) to.put(name, from.get(name));
    }

    /** Alert levels near the providers' prices, not the simulated ones; symbols nobody quotes keep theirs. */
    private void startAtRealPrices(Consumer<String> log) {
        Map<String, Quote> real = quotes.lookup(market.symbols(), Deadline.none()).quotes();
        real.forEach((symbol, quote) -> market.list(symbol, quote.price()));
        log.accept("[Local] quotes from the configured providers: " + real.size() + " of " + market.symbols().size() + " symbols priced");
    }

    /** Every notification from now on is answered with {@code status} (500: the webhook is down). */
    void webhookAnswers(int status) {
        webhook.respondWith(status);
    }

    /** Where quotes come from, for the banner. */
    String quoteSource() {
        return feed == null ? "the configured providers" : "the simulated feed in Yahoo's format";
    }

    /** How many shards the alerts are split into (1: unsharded). */
    int shards() {
        return containers.shards();
    }

    /** From now on, hands each tick's shard events to the containers in a random order (see {@link ScheduledContainers}). */
    void shufflePlacement(long seed) {
        containers.shuffle(seed);
    }

    Hour runHour() {
        List<ScheduledContainers.Run> runs = new ArrayList<>();
        for (int tick = 0; tick < 12; tick++) {
            runs.addAll(containers.tick());
            clock.advance(TICK);
        }
        List<ShardHour> shards = new ArrayList<>();
        for (int shard = 0; shard < containers.shards(); shard++) {
            int k = shard;
            List<ScheduledContainers.Run> own = runs.stream().filter(r -> r.shard() == k).toList();
            shards.add(new ShardHour(own.stream().map(ScheduledContainers.Run::usage).reduce(NOTHING, StoreUsage::plus),
                    own.stream().mapToInt(ScheduledContainers.Run::fired).sum(),
                    own.stream().mapToLong(ScheduledContainers.Run::providerRequests).sum()));
        }
        return new Hour(shards.stream().map(ShardHour::usage).reduce(NOTHING, StoreUsage::plus),
                shards.stream().mapToInt(ShardHour::fired).sum(),
                runs.stream().map(ScheduledContainers.Run::millis).toList(),
                runs.stream().map(ScheduledContainers.Run::providerRequests).toList(), shards);
    }

    @Override
    public void close() {
        containers.close();
        if (feed != null) feed.close();
        webhook.close();
    }
}
