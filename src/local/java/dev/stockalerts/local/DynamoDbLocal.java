package dev.stockalerts.local;

import dev.stockalerts.dynamo.DynamoClients;
import dev.stockalerts.dynamo.DynamoMetrics;
import dev.stockalerts.dynamo.TableSetup;
import dev.stockalerts.time.DeadlineContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.concurrent.CountDownLatch;

/**
 * {@code mvn -q compile exec:java -Dexec.args="dynamodb [--port 8000] [--table stock-alerts-local]"}: DynamoDB
 * Local (in memory) on a fixed port with the table created as template.yaml declares it, for
 * {@code sam local invoke/start-api --env-vars env.json}. Runs until Ctrl-C; the data goes with it.
 */
final class DynamoDbLocal {
    private DynamoDbLocal() {}

    static void run(int port, String table) {
        EmbeddedDynamoDb db = EmbeddedDynamoDb.start(port);
        try (DynamoDbClient client = DynamoClients.forLocalEndpoint(db.endpoint(), new DynamoMetrics(), new DeadlineContext())) {
            boolean created = TableSetup.createIfMissing(client, table, true); // sam local runs on the real clock
            System.out.println("[DynamoDB] DynamoDB Local on port " + port + ", table " + table
                    + (created ? " (created)" : " (existing)"));
        }
        System.out.println("[DynamoDB] from this machine: AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:" + port);
        System.out.println("[DynamoDB] from sam local's containers: http://host.docker.internal:" + port + " (env.json)");
        System.out.println("[DynamoDB] Ctrl-C stops it; the data is kept in memory only.");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            db.close();
            System.out.println("stopped");
            stopped.countDown();
        }, "dynamodb-stop"));
        while (true) {
            try {
                stopped.await();
                return;
            } catch (InterruptedException e) {
                // keep waiting for Ctrl-C
            }
        }
    }
}
