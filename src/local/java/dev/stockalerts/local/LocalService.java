package dev.stockalerts.local;

import dev.stockalerts.config.Settings;
import dev.stockalerts.dynamo.DynamoMetrics;
import dev.stockalerts.handler.AlertsCronFunction;
import dev.stockalerts.handler.StockApiFunction;
import dev.stockalerts.time.DeadlineContext;
import dev.stockalerts.wiring.App;
import dev.stockalerts.wiring.CronContainer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The SAM app on one machine: the API function behind {@link LocalApiServer} and the scheduled function behind
 * {@link ScheduleTicker}, on one table and one clock, built as the Lambda containers build themselves. Whatever the
 * environment leaves unconfigured gets a loopback stand-in: a simulated market as the quote provider, a webhook
 * receiver that prints notifications.
 */
public final class LocalService implements AutoCloseable {
    /** template.yaml's rate(5 minutes). */
    public static final Duration SCHEDULE = Duration.ofMinutes(5);
    private static final long MARKET_SEED = 42;

    /** How each function reaches DynamoDB: its own client, counting into its own metrics, as in its own container. */
    @FunctionalInterface
    public interface Dynamo {
        DynamoDbClient client(DynamoMetrics metrics, DeadlineContext deadlines);
    }

    /** Stopped in reverse order of starting. */
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final Consumer<String> out;
    private final Settings settings;
    private final SimulatedMarket market;
    private final boolean localWebhook;
    private final LocalApiServer api;
    private final ScheduleTicker ticker;

    /**
     * @param environment the variables the functions would see (TABLE_NAME required); unset providers and webhook get stand-ins
     * @param port        0 for any free port
     * @param tickEvery   real time between scheduled runs, or null for runs on {@link ScheduleTicker#tickNow()} only
     */
    public LocalService(Map<String, String> environment, Dynamo dynamo, Clock clock, int port, Duration tickEvery,
                        Consumer<String> out) {
        this.out = out;
        try {
            Map<String, String> vars = new HashMap<>(environment);
            market = LocalEnvironment.providerConfigured(environment) ? null : simulatedMarket(clock, vars);
            localWebhook = !LocalEnvironment.isSet(environment, "ALERT_WEBHOOK_URL");
            if (localWebhook) {
                WebhookReceiver webhook = started(new WebhookReceiver(body -> out.accept("[Notify] webhook received " + body)));
                vars.put("ALERT_WEBHOOK_URL", webhook.baseUri() + "/alerts");
            }
            settings = Settings.from(vars);

            App apiFunction = function(dynamo, clock);
            CronContainer cron = function(dynamo, clock).cron();

            api = started(new LocalApiServer(new StockApiFunction(apiFunction), port, out));
            // Started last so it stops first. It prints a one-line summary instead of the function's full JSON report.
            ticker = started(new ScheduleTicker(new AlertsCronFunction(cron, line -> {}), cron.shardCount(), out));
            if (tickEvery != null) ticker.start(tickEvery);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** A random walk over AlertSeeder's symbols, served in Yahoo's format: the only provider then. */
    private SimulatedMarket simulatedMarket(Clock clock, Map<String, String> vars) {
        SimulatedMarket simulated = new SimulatedMarket(clock, MARKET_SEED);
        AlertSeeder.listSymbols(simulated, MARKET_SEED);
        YahooFeedServer feed = started(new YahooFeedServer(simulated));
        vars.put("QUOTE_PROVIDERS", "yahoo");
        vars.put("YAHOO_BASE_URL", feed.baseUri().toString());
        vars.putIfAbsent("MARKET_CALENDAR", "ALWAYS"); // the simulated market trades around the clock
        return simulated;
    }

    /** One function's container, as Lambda builds it: its own client, metrics and deadlines, on the shared table and clock. */
    private App function(Dynamo dynamo, Clock clock) {
        DynamoMetrics metrics = new DynamoMetrics();
        DeadlineContext deadlines = new DeadlineContext();
        return new App(settings, started(dynamo.client(metrics, deadlines)), metrics, deadlines, clock, out);
    }

    private <T extends AutoCloseable> T started(T resource) {
        running.push(resource);
        return resource;
    }

    public URI baseUri() {
        return api.baseUri();
    }

    public int port() {
        return api.port();
    }

    public Settings settings() {
        return settings;
    }

    /** The simulated market when no provider is configured, else null. */
    public SimulatedMarket market() {
        return market;
    }

    public boolean localWebhook() {
        return localWebhook;
    }

    public ScheduleTicker ticker() {
        return ticker;
    }

    /** Scheduler first (waiting for a running check), then the API, the loopback stand-ins and the clients. */
    @Override
    public void close() {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                out.accept("[Local] while stopping: " + e);
            }
        }
    }
}
