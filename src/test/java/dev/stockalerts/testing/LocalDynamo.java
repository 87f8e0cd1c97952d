package dev.stockalerts.testing;

import dev.stockalerts.dynamo.DynamoClients;
import dev.stockalerts.dynamo.DynamoMetrics;
import dev.stockalerts.dynamo.TableSetup;
import dev.stockalerts.local.EmbeddedDynamoDb;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

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
            engine = EmbeddedDynamoDb.start();
            Runtime.getRuntime().addShutdownHook(new Thread(engine::close));
        }
        return engine;
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
