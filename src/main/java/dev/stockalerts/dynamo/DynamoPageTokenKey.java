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
 * The key that signs page tokens, kept on the config item (attribute {@code pageTokenKey}, 32 random bytes). The
 * first container that needs it creates it ({@code if_not_exists}), every later one reads the same in the same single
 * UpdateItem, so tokens work across containers and deploys with nothing for an operator to set or leak. Removing the
 * attribute rotates it: outstanding tokens are then refused (400) and clients start from the first page.
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
