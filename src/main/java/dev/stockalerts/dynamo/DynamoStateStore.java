package dev.stockalerts.dynamo;

import dev.stockalerts.alert.AlertState;
import dev.stockalerts.delivery.DeliveryLedger;
import dev.stockalerts.state.StateReader;
import dev.stockalerts.state.StateStore;
import dev.stockalerts.time.Deadline;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One shard's alert states in its STATE partition (STATE#k among several shards): bulk Query reads (delivery ledgers
 * come along), BatchWriteItem flushes that refuse superseded changes (each batch checked by a strongly consistent
 * BatchGetItem just before it). Single reads find any alert's state through the alert's own shard.
 */
public final class DynamoStateStore implements StateStore {
    private final DynamoDbClient client;
    private final String table;
    private final Shard shard;
    private final BatchWriter batches;
    private final Backoff backoff;

    /** The unsharded table's states (ALERT_SHARDS 1). */
    public DynamoStateStore(DynamoDbClient client, String table, Backoff backoff, Consumer<String> log) {
        this(client, table, Shard.ONLY, backoff, log);
    }

    public DynamoStateStore(DynamoDbClient client, String table, Shard shard, Backoff backoff, Consumer<String> log) {
        this.client = client;
        this.table = table;
        this.shard = shard;
        this.batches = new BatchWriter(client, table, backoff, log);
        this.backoff = backoff;
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
        List<Write> writes = new ArrayList<>();
        puts.forEach(state -> writes.add(new Write(state.alertId(), state)));
        deletes.forEach(id -> writes.add(new Write(id, null)));
        Set<String> written = new LinkedHashSet<>();
        Set<String> failed = new LinkedHashSet<>();
        Map<String, Optional<AlertState>> superseded = new LinkedHashMap<>();
        Set<String> why = new LinkedHashSet<>();
        for (int from = 0; from < writes.size(); from += BatchWriter.BATCH_LIMIT) {
            List<Write> batch = writes.subList(from, Math.min(from + BatchWriter.BATCH_LIMIT, writes.size()));
            writeBatchUnlessSuperseded(batch, deadline, written, failed, superseded, why);
        }
        batches.logUnwritten(failed.size(), writes.size(), why);
        return new WriteOutcome(written, failed, superseded);
    }

    /** A state to store, or (with none) an alert id whose state to remove. */
    private record Write(String alertId, AlertState put) {}

    /**
     * One batch: its states as stored now (strongly consistent, immediately before the write), the puts whose
     * stored version is still theirs and every delete written, the rest refused as superseded.
     */
    private void writeBatchUnlessSuperseded(List<Write> batch, Deadline deadline, Set<String> written, Set<String> failed,
                                            Map<String, Optional<AlertState>> superseded, Set<String> why) {
        if (deadline.expired()) {
            batch.forEach(w -> failed.add(w.alertId()));
            why.add("out of time");
            return;
        }
        StoredNow stored = readConsistent(batch.stream().filter(w -> w.put() != null).map(Write::alertId).toList(), deadline, why);
        Map<Map<String, AttributeValue>, String> idByKey = new LinkedHashMap<>();
        List<WriteRequest> requests = new ArrayList<>();
        for (Write w : batch) {
            String id = w.alertId();
            if (w.put() != null) {
                AlertState state = w.put();
                if (!stored.read().contains(id)) {
                    failed.add(id); // its stored version is unknown, so writing it could overwrite a newer one
                    continue;
                }
                AlertState now = stored.states().get(id);
                if ((now == null ? 0 : now.version()) != state.version()) {
                    superseded.put(id, Optional.ofNullable(now));
                    continue;
                }
                Map<String, AttributeValue> item = StateItems.toItem(shard, state, state.version() + 1);
                idByKey.put(Items.keyOf(item), id);
                requests.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
            } else {
                Map<String, AttributeValue> key = Items.key(shard.states(), id);
                idByKey.put(key, id);
                requests.add(WriteRequest.builder().deleteRequest(d -> d.key(key)).build());
            }
        }
        Set<String> unwritten = new LinkedHashSet<>();
        for (WriteRequest w : batches.write(requests, deadline, why)) unwritten.add(idByKey.get(Items.keyOf(w)));
        failed.addAll(unwritten);
        idByKey.values().stream().filter(id -> !unwritten.contains(id)).forEach(written::add);
    }

    /** States as stored, and which ids could be read (an id not read cannot be checked, so is not written). */
    private record StoredNow(Map<String, AlertState> states, Set<String> read) {}

    /**
     * The stored states of {@code ids} in one strongly consistent BatchGetItem (UnprocessedKeys retried with backoff
     * while the deadline allows); what could not be read is left out of {@link StoredNow#read()}.
     */
    private StoredNow readConsistent(List<String> ids, Deadline deadline, Set<String> why) {
        Map<String, AlertState> states = new HashMap<>();
        Set<String> read = new LinkedHashSet<>(ids);
        if (ids.isEmpty()) return new StoredNow(states, read);
        List<Map<String, AttributeValue>> pending = ids.stream().map(id -> Items.key(shard.states(), id)).toList();
        try {
            for (int attempt = 1; ; attempt++) {
                List<Map<String, AttributeValue>> keys = pending;
                BatchGetItemResponse response = client.batchGetItem(b -> b
                        .requestItems(Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build()))
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                    AlertState state = StateItems.fromItem(item);
                    states.put(state.alertId(), state);
                }
                KeysAndAttributes unprocessed = response.hasUnprocessedKeys() ? response.unprocessedKeys().get(table) : null;
                pending = unprocessed == null ? List.of() : unprocessed.keys();
                if (pending.isEmpty() || !backoff.pause(attempt, deadline)) break;
            }
        } catch (SdkException e) {
            why.add("BatchGetItem of their stored versions failed: " + e.getMessage());
            return new StoredNow(Map.of(), Set.of());
        }
        if (!pending.isEmpty()) why.add("stored versions unread after " + backoff.maxAttempts() + " attempts or at the deadline");
        for (Map<String, AttributeValue> key : pending) read.remove(Items.string(key, Items.SK));
        return new StoredNow(states, read);
    }
}
