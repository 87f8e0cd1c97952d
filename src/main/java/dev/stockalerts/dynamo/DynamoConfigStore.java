package dev.stockalerts.dynamo;

import dev.stockalerts.config.ConfigStore;
import dev.stockalerts.config.RuntimeConfig;
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
        return Items.get(client, table, Items.key(PARTITION, GLOBAL), false)
                .map(item -> new RuntimeConfig(Items.integer(item, REVISION, 0)));
    }
}
