package dev.stockalerts.testing;

import dev.stockalerts.dynamo.DynamoClients;
import dev.stockalerts.dynamo.DynamoMetrics;
import dev.stockalerts.dynamo.TableSetup;
import dev.stockalerts.local.EmbeddedDynamoDb;
import dev.stockalerts.time.DeadlineContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded DynamoDB Local per test JVM (starting it costs ~0.5 s); every test gets its own table,
 * so tests stay independent without restarting the engine.
 */
public final class LocalDynamo {
    private static final AtomicInteger TABLES = new AtomicInteger();
    /**
     * sqlite4java's map of the engine's statements warns on stderr ("Unevenly distributed hash code") once a test JVM
     * has made enough tables; harmless, and tests stay quiet. Held here: JUL keeps only weak references to loggers.
     */
    private static final java.util.logging.Logger SQLITE_MAPS = java.util.logging.Logger.getLogger("javolution.util");
    private static EmbeddedDynamoDb engine;

    static {
        SQLITE_MAPS.setLevel(java.util.logging.Level.SEVERE);
    }

    private LocalDynamo() {}

    private static synchronized EmbeddedDynamoDb engine() {
        if (engine == null) {
            engine = quietly(EmbeddedDynamoDb::start);
            Runtime.getRuntime().addShutdownHook(new Thread(engine::close));
        }
        return engine;
    }

    /** DynamoDB Local prints its configuration banner to stdout on start; tests stay quiet. */
    private static <T> T quietly(java.util.function.Supplier<T> start) {
        java.io.PrintStream out = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            return start.get();
        } finally {
            System.setOut(out);
        }
    }

    /** Where the engine listens: for a {@link FaultyDynamoProxy} in front of it, or a child process's AWS_ENDPOINT_URL_DYNAMODB. */
    public static URI endpoint() {
        return engine().endpoint();
    }

    /** A client counting calls and capacity into {@code metrics}. */
    /** A client as production builds it, capping its calls by {@code deadlines}. */
    public static DynamoDbClient client(DynamoMetrics metrics, DeadlineContext deadlines) {
        return DynamoClients.forLocalEndpoint(engine().endpoint(), metrics, deadlines);
    }

    public static DynamoDbClient client(DynamoMetrics metrics) {
        return DynamoClients.forLocalEndpoint(engine().endpoint(), metrics, new DeadlineContext());
    }

    /**
     * A client with extra interceptors after the metrics one, e.g. to make a call fail after DynamoDB
     * answered, as a lost answer does. One attempt per call, so what an interceptor does is what the adapter
     * sees; production's timeouts and retries are not under test here.
     */
    public static DynamoDbClient client(DynamoMetrics metrics, ExecutionInterceptor... extra) {
        return DynamoDbClient.builder()
                .endpointOverride(engine().endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> {
                    c.retryStrategy(AwsRetryStrategy.doNotRetry());
                    c.addExecutionInterceptor(metrics);
                    for (ExecutionInterceptor i : extra) c.addExecutionInterceptor(i);
                })
                .build();
    }

    /** Creates a fresh, empty table as template.yaml declares it and returns its name. */
    public static String newTable() {
        String name = "test-" + TABLES.incrementAndGet() + "-" + System.nanoTime();
        try (DynamoDbClient client = client(new DynamoMetrics())) {
            // Tests run on simulated clocks in the past: DynamoDB Local would expire their TTL'd items by the real clock.
            TableSetup.createIfMissing(client, name, false);
        }
        return name;
    }
}
