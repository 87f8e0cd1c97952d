package dev.stockalerts.dynamo;

import dev.stockalerts.config.ConfigStore;
import dev.stockalerts.config.RuntimeConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.Optional;

/** The config item CONFIG/global, as one shard's scheduled run sees it: the alerts revision is its shard's. */
public final class DynamoConfigStore implements ConfigStore {
    static final String PARTITION = "CONFIG";
    static final String GLOBAL = "global";
    /** The unsharded alerts revision; with shards, each has its own ({@link Shard#revision()}). */
    static final String REVISION = Shard.REVISION;

    private final DynamoDbClient client;
    private final String table;
    private final Shard shard;

    public DynamoConfigStore(DynamoDbClient client, String table, Shard shard) {
        this.client = client;
        this.table = table;
        this.shard = shard;
    }

    @Override
    public Optional<RuntimeConfig> load() {
        return Items.get(client, table, Items.key(PARTITION, GLOBAL), false)
                .map(item -> new RuntimeConfig(Items.integer(item, shard.revision(), 0)));
    }
}
