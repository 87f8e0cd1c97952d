package dev.stockalerts.dynamo;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.security.SecureRandom;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The key that signs page tokens, kept on the config item (attribute {@code pageTokenKey}, 32 random bytes), so tokens
 * work across containers and deploys with nothing for an operator to set or leak. Read with a GetItem (containers
 * re-read it every few minutes; a read never conflicts with the transactions that change alerts on the same item); the
 * first container that finds none creates it ({@code if_not_exists}: two at once agree on one). Removing the attribute
 * rotates it: outstanding tokens are then refused (400) and clients start from the first page.
 */
public final class DynamoPageTokenKey implements Supplier<byte[]> {
    static final String ATTRIBUTE = "pageTokenKey";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DynamoDbClient client;
    private final String table;

    public DynamoPageTokenKey(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public byte[] get() {
        Map<String, AttributeValue> config = client.getItem(b -> b.tableName(table).key(DynamoConfigStore.KEY)
                .projectionExpression("#key").expressionAttributeNames(Map.of("#key", ATTRIBUTE))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).item();
        AttributeValue stored = config == null ? null : config.get(ATTRIBUTE);
        return stored != null && stored.b() != null ? stored.b().asByteArray() : create();
    }

    private byte[] create() {
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        Map<String, AttributeValue> stored = client.updateItem(b -> b.tableName(table)
                .key(DynamoConfigStore.KEY)
                .updateExpression("SET #key = if_not_exists(#key, :fresh)")
                .expressionAttributeNames(Map.of("#key", ATTRIBUTE))
                .expressionAttributeValues(Map.of(":fresh", AttributeValue.fromB(SdkBytes.fromByteArray(fresh))))
                .returnValues(ReturnValue.UPDATED_NEW)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).attributes();
        return stored.get(ATTRIBUTE).b().asByteArray();
    }
}
