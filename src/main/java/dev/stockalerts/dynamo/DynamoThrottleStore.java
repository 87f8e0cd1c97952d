package dev.stockalerts.dynamo;

import dev.stockalerts.throttle.SharedThrottleStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Cross-container throttle keys (THROTTLE_SHARED=true): a conditional put that succeeds only when no
 * unexpired key exists. DynamoDB's TTL deletes old keys; the condition does not rely on it being prompt.
 */
public final class DynamoThrottleStore implements SharedThrottleStore {
    private final DynamoDbClient client;
    private final String table;

    public DynamoThrottleStore(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public boolean tryAcquire(String key, Instant expiresAt, Instant now) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item = new HashMap<>(Items.key("THROTTLE", key));
        item.put(Items.EXPIRES_AT, Items.n(expiresAt.getEpochSecond()));
        try {
            client.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR #e <= :now")
                    .expressionAttributeNames(Map.of("#e", Items.EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":now", Items.n(now.getEpochSecond())))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            return true;
        } catch (ConditionalCheckFailedException held) {
            return false;
        }
    }
}
