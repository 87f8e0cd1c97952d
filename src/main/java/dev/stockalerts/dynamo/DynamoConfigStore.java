package dev.stockalerts.dynamo;

import dev.stockalerts.config.ConfigStore;
import dev.stockalerts.config.RuntimeConfig;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.Optional;

/** The config item CONFIG/global. */
public final class DynamoConfigStore implements ConfigStore {
    static final String PARTITION = "CONFIG";
    static final String GLOBAL = "global";
    static final String REVISION = "alertsRevision";

    private final DynamoDbClient client;
    private final String table;

    public DynamoConfigStore(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public Optional<RuntimeConfig> load() {
        var response = client.getItem(b -> b.tableName(table)
                .key(Items.key(PARTITION, GLOBAL))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        if (!response.hasItem() || response.item().isEmpty()) return Optional.empty();
        return Optional.of(new RuntimeConfig(Items.integer(response.item(), REVISION, 0)));
    }
}
