package dev.stockalerts.dynamo;

import dev.stockalerts.alert.AlertState;
import dev.stockalerts.delivery.DeliveryLedger;
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

/** Alert states in the STATE partition: bulk Query reads (delivery ledgers come along), BatchWriteItem flushes. */
public final class DynamoStateStore implements StateStore {
    private final DynamoDbClient client;
    private final String table;
    private final BatchWriter batches;

    public DynamoStateStore(DynamoDbClient client, String table, Backoff backoff, Consumer<String> log) {
        this.client = client;
        this.table = table;
        this.batches = new BatchWriter(client, table, backoff, log);
    }

    @Override
    public Snapshot loadAll() {
        List<AlertState> states = new ArrayList<>();
        List<DeliveryLedger> ledgers = new ArrayList<>();
        // Eventually consistent: half the read units, and states change at most every few minutes.
        Items.partition(client, table, StateItems.PARTITION, false).forEach(item -> {
            if (LedgerItems.isLedger(item)) ledgers.add(LedgerItems.fromItem(item));
            else states.add(StateItems.fromItem(item));
        });
        return new Snapshot(states, ledgers);
    }

    @Override
    public Optional<AlertState> load(String alertId) {
        return Items.get(client, table, Items.key(StateItems.PARTITION, alertId), true).map(StateItems::fromItem);
    }

    @Override
    public List<String> owedChannels(String alertId) {
        return client.queryPaginator(b -> b.tableName(table)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :ledger)")
                        .expressionAttributeValues(Map.of(":pk", Items.s(LedgerItems.PARTITION),
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
            Map<String, AttributeValue> item = StateItems.toItem(state, state.version() + 1);
            idByKey.put(Items.key(StateItems.PARTITION, state.alertId()), state.alertId());
            requests.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
        }
        for (String id : deletes) {
            Map<String, AttributeValue> key = Items.key(StateItems.PARTITION, id);
            idByKey.put(key, id);
            requests.add(WriteRequest.builder().deleteRequest(d -> d.key(key)).build());
        }
        Set<String> failed = new LinkedHashSet<>();
        for (WriteRequest w : batches.write(requests, deadline)) failed.add(idByKey.get(keyOf(w)));
        Set<String> written = new LinkedHashSet<>(idByKey.values());
        written.removeAll(failed);
        return new WriteOutcome(written, failed);
    }

    private static Map<String, AttributeValue> keyOf(WriteRequest request) {
        Map<String, AttributeValue> source = request.putRequest() != null ? request.putRequest().item() : request.deleteRequest().key();
        return Map.of(Items.PK, source.get(Items.PK), Items.SK, source.get(Items.SK));
    }
}
