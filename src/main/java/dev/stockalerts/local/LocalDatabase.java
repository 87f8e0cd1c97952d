package dev.stockalerts.local;

import dev.stockalerts.dynamo.DynamoClients;
import dev.stockalerts.dynamo.DynamoMetrics;
import dev.stockalerts.dynamo.TableSetup;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;

/**
 * The database of a local run: embedded DynamoDB Local, or the endpoint in AWS_ENDPOINT_URL_DYNAMODB
 * when it is set. Either way the table is created if missing.
 */
public final class LocalDatabase implements AutoCloseable {
    private final EmbeddedDynamoDb embedded;
    private final DynamoDbClient client;
    private final DynamoMetrics metrics = new DynamoMetrics();
    private final String table;
    private final String description;

    public LocalDatabase(String table) {
        String endpoint = System.getenv("AWS_ENDPOINT_URL_DYNAMODB");
        if (endpoint != null && !endpoint.isBlank()) {
            embedded = null;
            client = DynamoClients.forLocalEndpoint(URI.create(endpoint.trim()), metrics);
            description = "DynamoDB at " + endpoint.trim() + " (AWS_ENDPOINT_URL_DYNAMODB)";
        } else {
            embedded = EmbeddedDynamoDb.start();
            client = DynamoClients.forLocalEndpoint(embedded.endpoint(), metrics);
            description = "embedded DynamoDB Local at " + embedded.endpoint();
        }
        this.table = table;
        boolean created = TableSetup.createIfMissing(client, table);
        System.out.println("[Local] " + description + ", table " + table + (created ? " (created)" : " (existing)"));
    }

    public DynamoDbClient client() {
        return client;
    }

    public DynamoMetrics metrics() {
        return metrics;
    }

    public String table() {
        return table;
    }

    @Override
    public void close() {
        client.close();
        if (embedded != null) embedded.close();
    }
}
