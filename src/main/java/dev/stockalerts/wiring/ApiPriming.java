package dev.stockalerts.wiring;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockalerts.config.Settings;
import dev.stockalerts.json.Json;
import dev.stockalerts.dynamo.DynamoMetrics;
import dev.stockalerts.notify.ConsoleChannel;
import dev.stockalerts.notify.Notifier;
import dev.stockalerts.quote.Quote;
import dev.stockalerts.quote.QuoteOutcome;
import dev.stockalerts.quote.QuoteProvider;
import dev.stockalerts.quote.QuoteService;
import dev.stockalerts.time.Deadline;
import dev.stockalerts.time.DeadlineContext;
import dev.stockalerts.wiring.App;
import dev.stockalerts.wiring.Outbound;
import org.crac.Context;
import org.crac.Resource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * SnapStart priming, run by the CRaC {@code beforeCheckpoint} hook once, before Lambda snapshots the API
 * function: it loads and runs the classes a request needs (routing, request and error JSON, the quote JSON,
 * alert JSON, the SDK's DynamoDB marshalling, signing and unmarshalling), so the first request after a
 * restore does not pay for class loading. It runs a twin of the container's components, never the
 * container's own, so nothing unique or fresh ends up in the snapshot:
 * <ul>
 *   <li>clocks: only {@code Clock.systemUTC()}, which reads the time at each call; no instant is kept;</li>
 *   <li>random seeds: no request creates an alert (no UUID, no SecureRandom use), and the SDK client does
 *       not retry (no jittered backoff drawn);</li>
 *   <li>caches: the twin's quote cache, definitions and throttle caches are dropped with the twin; the
 *       container's own caches stay empty;</li>
 *   <li>connections: DynamoDB answers in memory ({@link PrimingHttpClient}) and quotes come from an
 *       in-process provider, so no socket is opened; the container's clients are never called, so they
 *       hold neither a connection nor credentials.</li>
 * </ul>
 * Nothing is written: the in-memory transport stores nothing, and no request would write anyway.
 */
public final class ApiPriming implements Resource {
    private static final String SYMBOL = "PRIME";
    private static final Instant MARKET_TIME = Instant.parse("2026-01-02T21:00:00Z");
    /** One of each kind of answer: a quote, a list from DynamoDB, every validation error at once, an unknown route. */
    private static final List<String[]> REQUESTS = List.of(
            new String[] {"GET", "/stock/" + SYMBOL, null},
            new String[] {"GET", "/alerts", null},
            new String[] {"POST", "/alerts", "{\"symbol\":\"not a symbol!\",\"condition\":\"SIDEWAYS\",\"level\":-1,"
                    + "\"rearm\":{\"policy\":\"NEVER\"},\"channels\":\"webhook\",\"extra\":1}"},
            new String[] {"GET", "/priming/unknown", null});

    private final Function<App, RequestStreamHandler> function;
    private final Consumer<String> log;

    /** @param function builds the API function over an App, as the runtime would: the twin that answers the requests */
    public ApiPriming(Function<App, RequestStreamHandler> function, Consumer<String> log) {
        this.function = function;
        this.log = log;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        long started = System.nanoTime();
        List<Integer> statuses = prime();
        log.accept("[Priming] answered " + statuses + " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Priming kept nothing that would need refreshing.
    }

    /** @return the status of each priming request, in order: 200, 200, 400, 404 while the API is unchanged */
    List<Integer> prime() {
        Clock clock = Clock.systemUTC();
        Settings settings = Settings.from(Map.of("TABLE_NAME", "priming"));
        try (DynamoDbClient dynamo = primingDynamo()) {
            QuoteService quotes = new QuoteService(List.of(new PrimingQuotes()),
                    settings.quoteCacheTtl(), settings.unknownSymbolTtl(), clock, failure -> {});
            Outbound outbound = new Outbound(quotes, null, new Notifier(List.of(new ConsoleChannel(line -> { }))), null);
            var twin = function.apply(new App(settings, dynamo, new DynamoMetrics(), new DeadlineContext(),
                    clock, line -> { }, outbound));
            List<Integer> statuses = new ArrayList<>();
            for (String[] r : REQUESTS) statuses.add(status(twin, request(r[0], r[1], r[2])));
            return statuses;
        }
    }

    /** The status the twin answers an event with, through the same bytes in and out as the runtime's. */
    private static int status(RequestStreamHandler twin, byte[] event) {
        try {
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            twin.handleRequest(new ByteArrayInputStream(event), response, null);
            return Json.MAPPER.readTree(response.toByteArray()).path("statusCode").asInt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DynamoDbClient primingDynamo() {
        String region = System.getenv("AWS_REGION");
        return DynamoDbClient.builder()
                .httpClient(new PrimingHttpClient())
                .region(Region.of(region == null || region.isBlank() ? "us-east-1" : region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")))
                .overrideConfiguration(c -> c.addExecutionInterceptor(new DynamoMetrics())
                        .retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** A proxy event as API Gateway sends it (the parts the function reads). */
    private static byte[] request(String method, String path, String body) {
        ObjectNode event = Json.MAPPER.createObjectNode().put("httpMethod", method).put("path", path).put("body", body)
                .put("isBase64Encoded", false);
        event.putObject("requestContext").put("stage", "prod").put("path", "/prod" + path).put("httpMethod", method);
        try {
            return Json.MAPPER.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Quotes without a network: one fixed quote, so the quote route runs end to end. */
    private static final class PrimingQuotes implements QuoteProvider {
        @Override
        public String name() {
            return "priming";
        }

        @Override
        public Map<String, QuoteOutcome> quotes(Set<String> symbols, Deadline deadline) {
            Map<String, QuoteOutcome> outcomes = new java.util.HashMap<>();
            for (String symbol : symbols) {
                outcomes.put(symbol, symbol.equals(SYMBOL)
                        ? QuoteOutcome.found(new Quote(SYMBOL, 101.25, 100.0, "USD", MARKET_TIME, name()))
                        : QuoteOutcome.unknown());
            }
            return outcomes;
        }
    }
}
