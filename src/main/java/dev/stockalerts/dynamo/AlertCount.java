package dev.stockalerts.dynamo;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.util.HashMap;
import java.util.Map;

/**
 * The number of alerts, kept on the config item beside {@code alertsRevision} for MAX_ALERTS: the transaction that
 * creates an alert adds 1 on condition that the count is under the cap, the one that deletes subtracts 1, so the cap
 * costs no read at all.
 *
 * <p>A table from before the count existed has none: creates and deletes then fail their condition, and the count is
 * set once from a strongly consistent COUNT Query of the ALERT partition, on condition that the alerts revision is
 * still the one seen before counting, i.e. that no definition changed while counting. Then they are retried.
 */
final class AlertCount {
    static final String ATTRIBUTE = "alertCount";

    private AlertCount() {}

    /** Sets the count from the alerts stored now, unless someone set it first or a change landed meanwhile. */
    static void initialize(DynamoDbClient client, String table, Map<String, AttributeValue> configAsSeen) {
        long count = 0;
        for (var page : client.queryPaginator(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", Items.s(AlertItems.PARTITION)))
                .select(Select.COUNT).consistentRead(true).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))) {
            count += page.count();
        }
        AttributeValue revision = configAsSeen.get(DynamoConfigStore.REVISION);
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":n", Items.n(count)));
        if (revision != null) values.put(":rev", revision);
        try {
            client.updateItem(b -> b.tableName(table)
                    .key(Items.key(DynamoConfigStore.PARTITION, DynamoConfigStore.GLOBAL))
                    .updateExpression("SET #count = :n")
                    .conditionExpression("attribute_not_exists(#count) AND "
                            + (revision == null ? "attribute_not_exists(#rev)" : "#rev = :rev"))
                    .expressionAttributeNames(Map.of("#count", ATTRIBUTE, "#rev", DynamoConfigStore.REVISION))
                    .expressionAttributeValues(values)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        } catch (ConditionalCheckFailedException raced) {
            // Set by someone else, or a change landed while counting: the caller's retry sees which.
        }
    }
}
