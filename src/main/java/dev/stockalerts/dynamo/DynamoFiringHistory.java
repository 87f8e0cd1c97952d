package dev.stockalerts.dynamo;

import dev.stockalerts.delivery.FiringHistory;
import dev.stockalerts.delivery.FiringRecord;
import dev.stockalerts.delivery.HistoryReader;
import dev.stockalerts.time.Deadline;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Trigger history: one item per firing in its alert's HISTORY partition, expired by DynamoDB after {@code ttl}. */
public final class DynamoFiringHistory implements FiringHistory, HistoryReader {
    private final DynamoDbClient client;
    private final String table;
    private final Duration ttl;
    private final BatchWriter batches;

    public DynamoFiringHistory(DynamoDbClient client, String table, Duration ttl, Backoff backoff, Consumer<String> log) {
        this.client = client;
        this.table = table;
        this.ttl = ttl;
        this.batches = new BatchWriter(client, table, backoff, log);
    }

    @Override
    public List<FiringRecord> record(List<FiringRecord> records) {
        List<WriteRequest> requests = puts(records);
        Set<Map<String, AttributeValue>> unwritten = new HashSet<>();
        batches.write(requests, Deadline.none()).forEach(w -> unwritten.add(Items.keyOf(w)));
        List<FiringRecord> failed = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) if (unwritten.contains(Items.keyOf(requests.get(i)))) failed.add(records.get(i));
        return failed;
    }

    /** The put requests of these records, for a batch that carries other writes too (a ledger's settlement). */
    List<WriteRequest> puts(List<FiringRecord> records) {
        return records.stream().map(r -> WriteRequest.builder().putRequest(p -> p.item(
                HistoryItems.toItem(r, r.firing().firedAt().plus(ttl)))).build()).toList();
    }

    /** Newest first; the position to continue after is the last shown item's sort key. */
    @Override
    public Page page(String alertId, int limit, String after) {
        // One more than asked: whether another page exists is known without an empty last page.
        QueryResponse response = client.query(b -> {
            b.tableName(table)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", Items.s(HistoryItems.partition(alertId))))
                    .scanIndexForward(false)
                    .limit(limit + 1)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
            if (after != null) b.exclusiveStartKey(Map.of(Items.PK, Items.s(HistoryItems.partition(alertId)), Items.SK, Items.s(after)));
        });
        List<Map<String, AttributeValue>> items = response.items();
        boolean more = items.size() > limit;
        List<Map<String, AttributeValue>> shown = more ? items.subList(0, limit) : items;
        return new Page(shown.stream().map(HistoryItems::fromItem).toList(),
                more ? Items.string(shown.get(shown.size() - 1), Items.SK) : null);
    }
}
