package dev.stockalerts.dynamo;

import dev.stockalerts.config.ConfigStore;
import dev.stockalerts.config.RuntimeConfig;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.Map;
import java.util.Optional;

/** The config item CONFIG/global. */
public final class DynamoConfigStore implements ConfigStore {
    private static final String REVISION = "alertsRevision";

    private final DynamoDbClient client;
    private final String table;

    public DynamoConfigStore(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public Optional<RuntimeConfig> load() {
        var response = client.getItem(b -> b.tableName(table)
                .key(Items.key("CONFIG", "global"))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        if (!response.hasItem() || response.item().isEmpty()) return Optional.empty();
        return Optional.of(new RuntimeConfig(Items.integer(response.item(), REVISION, 0)));
    }

    @Override
    public long bumpAlertsRevision() {
        var response = client.updateItem(b -> b.tableName(table)
                .key(Items.key("CONFIG", "global"))
                .updateExpression("ADD #r :one")
                .expressionAttributeNames(Map.of("#r", REVISION))
                .expressionAttributeValues(Map.of(":one", Items.n(1L)))
                .returnValues(ReturnValue.UPDATED_NEW)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        return Items.integer(response.attributes(), REVISION, 0);
    }
}
