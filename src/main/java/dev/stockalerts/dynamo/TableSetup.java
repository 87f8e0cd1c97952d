package dev.stockalerts.dynamo;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Creates the single table as template.yaml declares it, for local runs and tests. */
public final class TableSetup {
    private TableSetup() {}

    /**
     * @param expireItems whether to turn on the TTL attribute as the deployed table has it. Runs on a simulated
     *                    clock turn it off: DynamoDB Local expires items by the real clock, so a simulated day in the
     *                    past would see its ledgers deleted under it.
     * @return true if the table was created, false if it already existed
     */
    public static boolean createIfMissing(DynamoDbClient client, String tableName, boolean expireItems) {
        try {
            client.describeTable(b -> b.tableName(tableName));
            return false;
        } catch (ResourceNotFoundException missing) {
            try {
                client.createTable(b -> b.tableName(tableName)
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .keySchema(key(Items.PK, KeyType.HASH), key(Items.SK, KeyType.RANGE))
                        .attributeDefinitions(attribute(Items.PK), attribute(Items.SK)));
            } catch (ResourceInUseException raced) {
                return false;
            }
            client.waiter().waitUntilTableExists(b -> b.tableName(tableName));
            if (expireItems) client.updateTimeToLive(b -> b.tableName(tableName)
                    .timeToLiveSpecification(t -> t.enabled(true).attributeName(Items.EXPIRES_AT)));
            return true;
        }
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }
}
