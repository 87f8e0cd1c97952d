package dev.stockalerts.dynamo;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.state.AlertAdmin;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Alert definitions in the ALERT partition. */
public final class DynamoAlertRepository implements AlertAdmin {
    private final DynamoDbClient client;
    private final String table;

    public DynamoAlertRepository(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public List<Alert> loadAll() {
        return client.queryPaginator(b -> b.tableName(table)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", Items.s(AlertItems.PARTITION)))
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .items().stream().map(AlertItems::fromItem).toList();
    }

    /** Writes one definition unconditionally; used by local seeding and tests. */
    public void put(Alert alert) {
        client.putItem(b -> b.tableName(table).item(AlertItems.toItem(alert)).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    }

    /** Strongly consistent, so a client that just created an alert can read it back at once. */
    @Override
    public Optional<Alert> get(String id) {
        var response = client.getItem(b -> b.tableName(table)
                .key(Items.key(AlertItems.PARTITION, id))
                .consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(AlertItems.fromItem(response.item())) : Optional.empty();
    }

    @Override
    public boolean create(Alert alert) {
        try {
            client.putItem(b -> b.tableName(table)
                    .item(AlertItems.toItem(alert))
                    .conditionExpression("attribute_not_exists(pk)")
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    @Override
    public boolean delete(String id) {
        try {
            client.deleteItem(b -> b.tableName(table)
                    .key(Items.key(AlertItems.PARTITION, id))
                    .conditionExpression("attribute_exists(pk)")
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            return true;
        } catch (ConditionalCheckFailedException absent) {
            return false;
        }
    }

    @Override
    public boolean requestRearm(String id, Instant at) {
        try {
            client.updateItem(b -> b.tableName(table)
                    .key(Items.key(AlertItems.PARTITION, id))
                    .updateExpression("SET #r = :at")
                    // Without the condition UpdateItem would create a bare item for an unknown id.
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#r", AlertItems.REARM_REQUESTED_AT))
                    .expressionAttributeValues(Map.of(":at", Items.s(at.toString())))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            return true;
        } catch (ConditionalCheckFailedException absent) {
            return false;
        }
    }
}
