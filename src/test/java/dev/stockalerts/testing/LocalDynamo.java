package dev.stockalerts.testing;

import dev.stockalerts.dynamo.DynamoClients;
import dev.stockalerts.dynamo.DynamoMetrics;
import dev.stockalerts.dynamo.TableSetup;
import dev.stockalerts.local.EmbeddedDynamoDb;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded DynamoDB Local per test JVM (starting it costs ~0.5 s); every test gets its own table,
 * so tests stay independent without restarting the engine.
 */
public final class LocalDynamo {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static EmbeddedDynamoDb engine;

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
    public static DynamoDbClient client(DynamoMetrics metrics) {
        return DynamoClients.forLocalEndpoint(engine().endpoint(), metrics);
    }

    /** Creates a fresh, empty table as template.yaml declares it and returns its name. */
    public static String newTable() {
        String name = "test-" + TABLES.incrementAndGet() + "-" + System.nanoTime();
        try (DynamoDbClient client = client(new DynamoMetrics())) {
            TableSetup.createIfMissing(client, name);
        }
        return name;
    }
}
