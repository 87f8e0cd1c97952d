package dev.stockalerts.dynamo;

import dev.stockalerts.check.ConfigStore.WrongLayout;
import dev.stockalerts.check.ConfigStore;
import dev.stockalerts.check.RuntimeConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.Optional;

/**
 * The config item CONFIG/global, as one shard's scheduled run sees it: the alerts revision is its shard's. The
 * revisions present also tell which shard count the table is laid out for: a run of another count would find
 * no alerts, or the wrong ones, and check nothing, so it fails with the reason instead (docs/scaling.md).
 */
public final class DynamoConfigStore implements ConfigStore {
    /** The config item's key: CONFIG/global. */
    static final Map<String, AttributeValue> KEY = Items.key("CONFIG", "global");

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
        return Items.get(client, table, KEY, false).map(item -> {
            item.keySet().stream().filter(name -> !belongsToLayout(name)).findFirst().ifPresent(name -> {
                throw new WrongLayout("the table's alerts are laid out for another number of shards (the config item has "
                        + name + ") than ALERT_SHARDS " + shard.count() + ": re-shard the table before running (docs/scaling.md)");
            });
            return new RuntimeConfig(Items.integer(item, shard.revision(), 0));
        });
    }

    /** Whether an attribute is not an alerts revision, or one of a shard of this count. */
    private boolean belongsToLayout(String attribute) {
        if (!attribute.startsWith(Shard.REVISION)) return true;
        return Shard.all(shard.count()).stream().anyMatch(s -> s.revision().equals(attribute));
    }
}
