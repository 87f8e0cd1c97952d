package dev.stockalerts.local;

import dev.stockalerts.dynamo.DynamoClients;
import dev.stockalerts.dynamo.DynamoMetrics;
import dev.stockalerts.dynamo.TableSetup;
import dev.stockalerts.time.DeadlineContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.util.List;

/**
 * The database of a local run: embedded DynamoDB Local, or the endpoint in AWS_ENDPOINT_URL_DYNAMODB
 * when it is set. Either way the table is created if missing.
 */
public final class LocalDatabase implements AutoCloseable {
    private final EmbeddedDynamoDb embedded;
    private final DynamoDbClient client;
    private final DynamoMetrics metrics = new DynamoMetrics();
    private final String description;
    private final URI endpoint;

    public LocalDatabase() {
        String configured = System.getenv("AWS_ENDPOINT_URL_DYNAMODB");
        if (configured != null && !configured.isBlank()) {
            embedded = null;
            this.endpoint = URI.create(configured.trim());
            client = DynamoClients.forLocalEndpoint(this.endpoint, metrics, new DeadlineContext(), List.of(FailedDynamoCall.LAST));
            description = "DynamoDB at " + configured.trim() + " (AWS_ENDPOINT_URL_DYNAMODB)";
        } else {
            embedded = EmbeddedDynamoDb.start();
            this.endpoint = embedded.endpoint();
            client = DynamoClients.forLocalEndpoint(this.endpoint, metrics, new DeadlineContext(), List.of(FailedDynamoCall.LAST));
            description = "embedded DynamoDB Local at " + embedded.endpoint();
        }
    }

    /** Creates the table as template.yaml declares it, unless it exists; returns its name. */
    public String table(String name) {
        // Local runs move simulated or scaled clocks: item expiry by DynamoDB Local's real clock stays off.
        boolean created = TableSetup.createIfMissing(client, name, false);
        System.out.println("[Local] " + description + ", table " + name + (created ? " (created)" : " (existing)"));
        return name;
    }

    public DynamoDbClient client() {
        return client;
    }

    public URI endpoint() {
        return endpoint;
    }

    public DynamoMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        client.close();
        if (embedded != null) embedded.close();
    }
}
