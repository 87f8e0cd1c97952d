package dev.stockalerts.dynamo;

import dev.stockalerts.alert.AlertState;
import dev.stockalerts.state.DeliveryLedger;
import dev.stockalerts.state.StateStore;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Alert states in the STATE partition (bulk Query reads, BatchWriteItem flushes, conditional claims)
 * and the ledgers of deliveries owed in the DELIVERY partition.
 */
public final class DynamoStateStore implements StateStore {
    static final int BATCH_LIMIT = 25;

    private final DynamoDbClient client;
    private final String table;
    private final Backoff backoff;

    public DynamoStateStore(DynamoDbClient client, String table, Backoff backoff) {
        this.client = client;
        this.table = table;
        this.backoff = backoff;
    }

    @Override
    public Snapshot loadAll() {
        List<AlertState> states = new ArrayList<>();
        List<DeliveryLedger> ledgers = new ArrayList<>();
        // Eventually consistent: half the read units, and states change at most every few minutes.
        Items.partition(client, table, StateItems.PARTITION).forEach(item -> {
            if (LedgerItems.isLedger(item)) ledgers.add(LedgerItems.fromItem(item));
            else states.add(StateItems.fromItem(item));
        });
        return new Snapshot(states, ledgers);
    }

    /** One state read strongly, with the channels its last firing still owes (from the ledgers). */
    @Override
    public Optional<AlertState> load(String alertId) {
        Optional<AlertState> found = Items.get(client, table, Items.key(StateItems.PARTITION, alertId), true)
                .map(StateItems::fromItem);
        if (found.isEmpty()) return found;
        AlertState state = found.get();
        if (state.fireCount() == 0) return Optional.of(state);
        List<String> owed = loadLedgers().stream().flatMap(l -> l.owed().stream())
                .filter(o -> o.alertId().equals(alertId) && o.fireCount() == state.fireCount())
                .flatMap(o -> o.channels().stream()).distinct().toList();
        return Optional.of(state.withPendingChannels(owed));
    }

    @Override
    public WriteOutcome writeBatch(Collection<AlertState> puts, Collection<String> deletes) {
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
        for (int from = 0; from < requests.size(); from += BATCH_LIMIT) {
            List<WriteRequest> chunk = requests.subList(from, Math.min(from + BATCH_LIMIT, requests.size()));
            for (WriteRequest unwritten : writeChunk(chunk)) failed.add(idByKey.get(keyOf(unwritten)));
        }
        Set<String> written = new LinkedHashSet<>(idByKey.values());
        written.removeAll(failed);
        return new WriteOutcome(written, Set.of(), failed);
    }

    /** One BatchWriteItem call, then retries of its UnprocessedItems with backoff; returns what never got in. */
    private List<WriteRequest> writeChunk(List<WriteRequest> chunk) {
        List<WriteRequest> pending = chunk;
        for (int attempt = 1; !pending.isEmpty() && attempt <= backoff.maxAttempts(); attempt++) {
            if (attempt > 1) backoff.pause(attempt - 1);
            List<WriteRequest> request = pending;
            try {
                BatchWriteItemResponse response = client.batchWriteItem(b -> b
                        .requestItems(Map.of(table, request))
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
                pending = response.hasUnprocessedItems()
                        ? response.unprocessedItems().getOrDefault(table, List.of()) : List.of();
            } catch (SdkException e) {
                // The SDK already retried throttling; keep the chunk queued for the next flush.
                System.out.println("[KV Cache] BatchWriteItem failed for " + request.size() + " items: " + e.getMessage());
                return request;
            }
        }
        return pending;
    }

    @Override
    public WriteOutcome claim(Collection<AlertState> states, DeliveryLedger ledger) {
        if (states.size() > MAX_CLAIM) throw new IllegalArgumentException("at most " + MAX_CLAIM + " states per claim");
        Set<String> written = new LinkedHashSet<>();
        Set<String> refused = new LinkedHashSet<>();
        List<AlertState> pending = List.copyOf(states);
        for (int attempt = 1; attempt <= backoff.maxAttempts() && !pending.isEmpty(); attempt++) {
            List<TransactWriteItem> items = new ArrayList<>(pending.stream().map(this::conditionalPut).toList());
            DeliveryLedger owed = ledger.without(refused);
            items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(LedgerItems.toItem(owed))
                    .conditionExpression("attribute_not_exists(pk)")).build());
            try {
                client.transactWriteItems(b -> b.transactItems(items).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
                pending.forEach(s -> written.add(s.alertId()));
                return new WriteOutcome(written, refused, Set.of());
            } catch (TransactionCanceledException e) {
                // All or nothing: drop the states refused for a newer stored version, retry the rest.
                List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
                List<AlertState> innocent = new ArrayList<>();
                for (int i = 0; i < pending.size(); i++) {
                    boolean conditionFailed = i < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(i).code());
                    if (conditionFailed) refused.add(pending.get(i).alertId());
                    else innocent.add(pending.get(i));
                }
                // Nobody refused means a conflict or throttle: wait before trying the same set again.
                if (innocent.size() == pending.size()) backoff.pause(attempt);
                pending = innocent;
            } catch (SdkException e) {
                System.out.println("[KV Cache] TransactWriteItems failed for " + pending.size() + " states: " + e.getMessage());
                break;
            }
        }
        Set<String> failed = new LinkedHashSet<>();
        pending.forEach(s -> failed.add(s.alertId()));
        return new WriteOutcome(written, refused, failed);
    }

    /** Unsettled ledgers only (a strongly consistent read of the ledger key range). */
    public List<DeliveryLedger> loadLedgers() {
        return client.queryPaginator(b -> b.tableName(table)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :ledger)")
                        .expressionAttributeValues(Map.of(":pk", Items.s(LedgerItems.PARTITION),
                                ":ledger", Items.s(LedgerItems.SK_PREFIX)))
                        .consistentRead(true)
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .items().stream().map(LedgerItems::fromItem).toList();
    }

    @Override
    public boolean claimRetry(DeliveryLedger ledger) {
        try {
            client.updateItem(b -> b.tableName(table)
                    .key(LedgerItems.key(ledger.id()))
                    .updateExpression("SET #a = :next")
                    .conditionExpression("#a = :seen")
                    .expressionAttributeNames(Map.of("#a", LedgerItems.ATTEMPT))
                    .expressionAttributeValues(Map.of(":seen", Items.n(ledger.attempt()), ":next", Items.n(ledger.attempt() + 1)))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            return true;
        } catch (ConditionalCheckFailedException takenOrGone) {
            return false;
        }
    }

    @Override
    public void settle(String ledgerId, List<DeliveryLedger.Owed> remaining) {
        if (remaining.isEmpty()) {
            client.deleteItem(b -> b.tableName(table).key(LedgerItems.key(ledgerId))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        } else {
            client.updateItem(b -> b.tableName(table)
                    .key(LedgerItems.key(ledgerId))
                    .updateExpression("SET #o = :owed")
                    .expressionAttributeNames(Map.of("#o", LedgerItems.OWED))
                    .expressionAttributeValues(Map.of(":owed", LedgerItems.owed(remaining)))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        }
    }

    private TransactWriteItem conditionalPut(AlertState state) {
        Put.Builder put = Put.builder().tableName(table).item(StateItems.toItem(state, state.version() + 1));
        if (state.version() == 0) {
            put.conditionExpression("attribute_not_exists(pk)");
        } else {
            put.conditionExpression("#v = :v")
                    .expressionAttributeNames(Map.of("#v", StateItems.VERSION))
                    .expressionAttributeValues(Map.of(":v", Items.n(state.version())));
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    private static Map<String, AttributeValue> keyOf(WriteRequest request) {
        Map<String, AttributeValue> source = request.putRequest() != null ? request.putRequest().item() : request.deleteRequest().key();
        return Map.of(Items.PK, source.get(Items.PK), Items.SK, source.get(Items.SK));
    }
}
