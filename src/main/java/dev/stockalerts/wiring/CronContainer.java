package dev.stockalerts.wiring;

import dev.stockalerts.check.AlertCheck;
import dev.stockalerts.config.Settings;
import dev.stockalerts.dynamo.DynamoMetrics;
import dev.stockalerts.dynamo.Shard;
import dev.stockalerts.time.DeadlineContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The scheduled function in one container: what every shard shares (settings, the DynamoDB client and its metrics,
 * quote providers and channels), and each shard's own components (caches, stores, revision), built on that shard's
 * first run here. Lambda may hand any shard's event to any container of the function, so a container keeps every
 * shard it has run; with ALERT_SHARDS 1 it holds exactly what the unsharded function held.
 */
public final class CronContainer {
    private final Settings settings;
    private final DynamoDbClient dynamo;
    private final DynamoMetrics metrics;
    private final DeadlineContext deadlines;
    private final Outbound outbound;
    private final Clock clock;
    private final Consumer<String> log;
    private final Map<Integer, CronComponents> shards = new HashMap<>();

    public CronContainer(Settings settings, DynamoDbClient dynamo, DynamoMetrics metrics, DeadlineContext deadlines,
                         Outbound outbound, Clock clock, Consumer<String> log) {
        this.settings = settings;
        this.dynamo = dynamo;
        this.metrics = metrics;
        this.deadlines = deadlines;
        this.outbound = outbound;
        this.clock = clock;
        this.log = log;
    }

    /** ALERT_SHARDS: how many shards there are, each with its own scheduled invocation. */
    public int shardCount() {
        return settings.alertShards();
    }

    /** The shard's components, built on first use; an index outside 0..count-1 is refused with its reason. */
    public synchronized CronComponents shard(int index) {
        Shard shard = new Shard(index, shardCount());
        return shards.computeIfAbsent(index,
                i -> CronComponents.create(settings, shard, dynamo, metrics, deadlines, outbound, clock, log));
    }

    public AlertCheck check(int shard) {
        return shard(shard).check();
    }
}
