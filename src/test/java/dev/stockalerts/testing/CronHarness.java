package dev.stockalerts.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.Condition;
import dev.stockalerts.alert.RearmPolicy;
import dev.stockalerts.config.Settings;
import dev.stockalerts.dynamo.Backoff;
import dev.stockalerts.dynamo.DynamoAlertRepository;
import dev.stockalerts.dynamo.DynamoClients;
import dev.stockalerts.dynamo.DynamoMetrics;
import dev.stockalerts.dynamo.DynamoStateStore;
import dev.stockalerts.handler.AlertsCronFunction;
import dev.stockalerts.handler.StockApiFunction;
import dev.stockalerts.json.Json;
import dev.stockalerts.local.SimulatedClock;
import dev.stockalerts.local.SimulatedMarket;
import dev.stockalerts.local.WebhookReceiver;
import dev.stockalerts.local.YahooFeedServer;
import dev.stockalerts.testing.iam.FunctionRoles;
import dev.stockalerts.testing.iam.RecordingInterceptor;
import dev.stockalerts.time.DeadlineContext;
import dev.stockalerts.wiring.App;
import dev.stockalerts.wiring.CronComponents;
import dev.stockalerts.wiring.CronContainer;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The scheduled function as it runs in Lambda, over a fresh DynamoDB Local table, with Yahoo and the
 * alert webhook served by real HTTP servers on 127.0.0.1 and time on a hand-moved clock.
 * Each {@link #container()} is a new Lambda container: its own client and empty caches, same table;
 * {@link #api()} is a container of the API function on the same table, clock and loopback services.
 */
public final class CronHarness implements AutoCloseable {
    public static final Instant T0 = Instant.parse("2026-11-23T14:00:00Z");

    public final SimulatedClock clock;
    public final SimulatedMarket market;
    public final YahooFeedServer yahoo;
    public final WebhookReceiver webhook = new WebhookReceiver(body -> {});
    public final String table = LocalDynamo.newTable();
    public final List<String> log = new CopyOnWriteArrayList<>();
    private final Map<String, String> env = new HashMap<>();
    private URI dynamoEndpoint;

    public CronHarness() {
        this(T0);
    }

    /**
     * A harness whose clock starts at {@code start}: {@code Instant.now()} when a {@link LambdaSandbox} (on the
     * system clock) and this harness take turns on the same table.
     */
    public CronHarness(Instant start) {
        clock = new SimulatedClock(start);
        market = new SimulatedMarket(clock, 1, 0);
        yahoo = new YahooFeedServer(market);
        env.put("TABLE_NAME", table);
        env.put("QUOTE_PROVIDERS", "yahoo");
        env.put("YAHOO_BASE_URL", yahoo.baseUri().toString());
        env.put("ALERT_WEBHOOK_URL", webhook.baseUri() + "/alerts");
        // Tests not about market hours run at any hour; those about them set XNYS.
        env.put("MARKET_CALENDAR", "ALWAYS");
    }

    /** Overrides one environment variable for containers created afterwards. */
    public CronHarness env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /**
     * Containers created afterwards reach DynamoDB at {@code endpoint} (e.g. a {@link FaultyDynamoProxy}) through
     * production's client: its timeouts, its retries, every call capped by the run's deadline.
     */
    public CronHarness dynamo(URI endpoint) {
        this.dynamoEndpoint = endpoint;
        return this;
    }

    public Settings settings() {
        return Settings.from(env);
    }

    /** Moves the alerts revision on, as every API change does, so running containers re-read definitions. */
    public void bumpRevision() {
        try (DynamoDbClient client = LocalDynamo.client(new DynamoMetrics())) {
            client.updateItem(b -> b.tableName(table)
                    .key(Map.of("pk", AttributeValue.fromS("CONFIG"), "sk", AttributeValue.fromS("global")))
                    .updateExpression("ADD alertsRevision :one")
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
        }
    }

    public void putAlert(Alert alert) {
        try (DynamoDbClient client = LocalDynamo.client(new DynamoMetrics())) {
            new DynamoAlertRepository(client, table, settings().alertShards()).put(alert);
        }
    }

    /** Alert a1, AAPL above 200, with AAPL at 205: it fires on the next run. */
    public void oneAlertAboutToFire() {
        market.set("AAPL", 205);
        putAlert(new Alert("a1", "AAPL", Condition.ABOVE, 200, RearmPolicy.once(), List.of("webhook"), clock.instant()));
    }

    /**
     * What {@code read} finds in the table's states and ledgers, read straight from DynamoDB Local (not through a
     * {@link #dynamo proxy}), e.g. {@code states(s -> s.loadAll().ledgers().size())}.
     */
    public <T> T states(Function<DynamoStateStore, T> read) {
        try (DynamoDbClient client = LocalDynamo.client(new DynamoMetrics())) {
            return read.apply(new DynamoStateStore(client, table, Backoff.standard(), line -> {}));
        }
    }

    /**
     * The same function in a {@link LambdaSandbox} (a child JVM on the system clock: start this harness at
     * {@code Instant.now()}), configured with this harness's environment as it is now (table, Yahoo, webhook,
     * MARKET_CALENDAR=ALWAYS and every {@link #env} override) and reaching DynamoDB at {@code dynamoEndpoint}.
     * The builder takes further variables before {@code build()}.
     */
    public LambdaSandbox.Builder sandbox(String handler, URI dynamoEndpoint) {
        return LambdaSandbox.function(handler).env(env).env("AWS_ENDPOINT_URL_DYNAMODB", dynamoEndpoint.toString());
    }

    public Container container() {
        return container(new DynamoMetrics(), null);
    }

    /** A container whose DynamoDB client also passes every call to {@code watcher} (e.g. to see which partitions it reads). */
    public Container container(ExecutionInterceptor watcher) {
        return container(new DynamoMetrics(), watcher);
    }

    private Container container(DynamoMetrics metrics, ExecutionInterceptor watcher) {
        Settings settings = settings();
        DeadlineContext deadlines = new DeadlineContext();
        List<ExecutionInterceptor> interceptors = new ArrayList<>(List.of(role("AlertsCronFunction")));
        if (watcher != null) interceptors.add(watcher);
        DynamoDbClient client = DynamoClients.forLocalEndpoint(dynamoEndpoint == null ? LocalDynamo.endpoint() : dynamoEndpoint,
                metrics, deadlines, interceptors);
        CronContainer cron = new App(settings, client, metrics, deadlines, clock, log::add).cron();
        return new Container(cron, metrics, new AlertsCronFunction(cron, log::add));
    }

    /** Each container's DynamoDB requests are held against its function's role, configured as this harness is now. */
    private ExecutionInterceptor role(String function) {
        return new RecordingInterceptor(FunctionRoles.principal(function, Map.copyOf(env)));
    }

    public ApiContainer api() {
        Settings settings = settings();
        DynamoMetrics metrics = new DynamoMetrics();
        DeadlineContext deadlines = new DeadlineContext();
        DynamoDbClient client = DynamoClients.forLocalEndpoint(
                dynamoEndpoint == null ? LocalDynamo.endpoint() : dynamoEndpoint, metrics, deadlines, List.of(role("StockApiFunction")));
        return new ApiContainer(metrics, new StockApiFunction(new App(settings, client, metrics, deadlines, clock, log::add)));
    }

    /** A container of the API function, built as Lambda builds it (through the composition root). */
    public record ApiContainer(DynamoMetrics metrics, StockApiFunction handler) {
        /** The event goes in as the JSON API Gateway sends, and the answer is read as API Gateway reads it. */
        public APIGatewayProxyResponseEvent call(APIGatewayProxyRequestEvent event) {
            return ApiEvents.invoke(handler, event, null);
        }

        /** A request as API Gateway sends it for {@code method path} with this body (null: none). */
        public APIGatewayProxyResponseEvent call(String method, String path, String body) {
            return call(ApiEvents.request(method, path, body));
        }
    }

    /** One container of the scheduled function; with ALERT_SHARDS above 1 it runs whichever shard an event names. */
    public record Container(CronContainer cron, DynamoMetrics metrics, AlertsCronFunction handler) {
        /** Shard 0's components (the only shard's, unsharded). */
        public CronComponents components() {
            return cron.shard(0);
        }

        /** One scheduled invocation with the plain schedule event (shard 0); returns the function's JSON report. */
        public Map<String, Object> run() {
            return invoke("{}");
        }

        /** One scheduled invocation of a shard's schedule: the event carries the shard in its detail. */
        public Map<String, Object> run(int shard) {
            return invoke("{\"shard\":" + shard + "}");
        }

        /**
         * The event as EventBridge sends a schedule's, parsed by the functions' mapper as the handler parses it; the
         * report is returned as the handler made it (so its numbers keep their Java types), and must be writable as JSON.
         */
        private Map<String, Object> invoke(String detail) {
            try {
                JsonNode event = Json.MAPPER.readTree("""
                        {"version":"0","id":"53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa","detail-type":"Scheduled Event",
                         "source":"aws.events","account":"123456789012","time":"2026-11-23T14:00:00Z","region":"us-east-1",
                         "resources":["arn:aws:events:us-east-1:123456789012:rule/stock-alerts-schedule"],"detail":%s}
                        """.formatted(detail));
                Map<String, Object> report = handler.check(event, null);
                Json.MAPPER.writeValueAsBytes(report);
                return report;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() {
        yahoo.close();
        webhook.close();
    }
}
