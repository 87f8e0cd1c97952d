package dev.stockalerts.dynamo;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The number of alerts, kept on the config item beside the alerts revisions for MAX_ALERTS: the transaction that
 * creates an alert adds 1 on condition that the count is under the cap, the one that deletes subtracts 1, so the cap
 * costs no read at all. It counts every shard's alerts together.
 *
 * <p>A table from before the count existed has none: creates and deletes then fail their condition, and the count is
 * set once from a strongly consistent COUNT Query of each shard's definitions partition, on condition that every
 * shard's alerts revision is still the one seen before counting, i.e. that no definition changed while counting.
 * Then they are retried.
 */
final class AlertCount {
    static final String ATTRIBUTE = "alertCount";

    private AlertCount() {}

    /** Sets the count from the alerts stored now, unless someone set it first or a change landed meanwhile. */
    static void initialize(DynamoDbClient client, String table, int shards, Map<String, AttributeValue> configAsSeen) {
        long count = 0;
        Map<String, String> names = new HashMap<>(Map.of("#count", ATTRIBUTE));
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> unchanged = new ArrayList<>();
        for (Shard shard : Shard.all(shards)) {
            for (var page : client.queryPaginator(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", Items.s(shard.alerts())))
                    .select(Select.COUNT).consistentRead(true).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))) {
                count += page.count();
            }
            String name = "#rev" + shard.index();
            names.put(name, shard.revision());
            AttributeValue revision = configAsSeen.get(shard.revision());
            if (revision == null) {
                unchanged.add("attribute_not_exists(" + name + ")");
            } else {
                values.put(":rev" + shard.index(), revision);
                unchanged.add(name + " = :rev" + shard.index());
            }
        }
        values.put(":n", Items.n(count));
        try {
            client.updateItem(b -> b.tableName(table)
                    .key(DynamoConfigStore.KEY)
                    .updateExpression("SET #count = :n")
                    .conditionExpression("attribute_not_exists(#count) AND " + String.join(" AND ", unchanged))
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        } catch (ConditionalCheckFailedException raced) {
            // Set by someone else, or a change landed while counting: the caller's retry sees which.
        }
    }
}
