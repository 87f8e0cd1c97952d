package dev.stockalerts.dynamo;

import dev.stockalerts.alert.AlertState;
import dev.stockalerts.delivery.DeliveryLedger;
import dev.stockalerts.state.StateReader;
import dev.stockalerts.state.StateStore;
import dev.stockalerts.time.Deadline;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One shard's alert states in its STATE partition (STATE#k among several shards): bulk Query reads (delivery ledgers
 * come along), BatchWriteItem flushes. Single reads find any alert's state through the alert's own shard.
 */
public final class DynamoStateStore implements StateStore {
    private final DynamoDbClient client;
    private final String table;
    private final Shard shard;
    private final BatchWriter batches;

    /** The unsharded table's states (ALERT_SHARDS 1). */
    public DynamoStateStore(DynamoDbClient client, String table, Backoff backoff, Consumer<String> log) {
        this(client, table, Shard.ONLY, backoff, log);
    }

    public DynamoStateStore(DynamoDbClient client, String table, Shard shard, Backoff backoff, Consumer<String> log) {
        this.client = client;
        this.table = table;
        this.shard = shard;
        this.batches = new BatchWriter(client, table, backoff, log);
    }

    /** Reads of single states, whichever of {@code shards} shards each alert is in: all the API does with states. */
    public static StateReader reader(DynamoDbClient client, String table, int shards) {
        return new DynamoStateStore(client, table, new Shard(0, shards), Backoff.standard(), line -> {});
    }

    @Override
    public Snapshot loadAll() {
        List<AlertState> states = new ArrayList<>();
        List<DeliveryLedger> ledgers = new ArrayList<>();
        // Eventually consistent: half the read units, and states change at most every few minutes.
        Items.partition(client, table, shard.states(), false).forEach(item -> {
            if (LedgerItems.isLedger(item)) ledgers.add(LedgerItems.fromItem(item));
            else states.add(StateItems.fromItem(item));
        });
        return new Snapshot(states, ledgers);
    }

    @Override
    public Optional<AlertState> load(String alertId) {
        return Items.get(client, table, Items.key(shardOf(alertId).states(), alertId), true).map(StateItems::fromItem);
    }

    private Shard shardOf(String alertId) {
        return Shard.of(alertId, shard.count());
    }

    @Override
    public List<String> owedChannels(String alertId) {
        return client.queryPaginator(b -> b.tableName(table)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :ledger)")
                        .expressionAttributeValues(Map.of(":pk", Items.s(shardOf(alertId).states()),
                                ":ledger", Items.s(LedgerItems.SK_PREFIX)))
                        .consistentRead(true)
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .items().stream().map(LedgerItems::fromItem)
                .flatMap(l -> l.owed().stream())
                .filter(o -> o.alertId().equals(alertId))
                .flatMap(o -> o.channels().stream().map(c -> c.name()))
                .distinct().toList();
    }

    @Override
    public WriteOutcome writeBatch(Collection<AlertState> puts, Collection<String> deletes, Deadline deadline) {
        Map<Map<String, AttributeValue>, String> idByKey = new LinkedHashMap<>();
        List<WriteRequest> requests = new ArrayList<>();
        for (AlertState state : puts) {
            Map<String, AttributeValue> item = StateItems.toItem(shard, state, state.version() + 1);
            idByKey.put(Items.key(shard.states(), state.alertId()), state.alertId());
            requests.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
        }
        for (String id : deletes) {
            Map<String, AttributeValue> key = Items.key(shard.states(), id);
            idByKey.put(key, id);
            requests.add(WriteRequest.builder().deleteRequest(d -> d.key(key)).build());
        }
        Set<String> failed = new LinkedHashSet<>();
        for (WriteRequest w : batches.write(requests, deadline)) failed.add(idByKey.get(Items.keyOf(w)));
        Set<String> written = new LinkedHashSet<>(idByKey.values());
        written.removeAll(failed);
        return new WriteOutcome(written, failed);
    }
}
