package dev.stockalerts.dynamo;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.state.AlertRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

import java.util.List;
import java.util.Map;

/** Alert definitions in the ALERT partition. */
public final class DynamoAlertRepository implements AlertRepository {
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

    /** Writes one definition; used by the API and by local seeding. */
    public void put(Alert alert) {
        client.putItem(b -> b.tableName(table).item(AlertItems.toItem(alert)).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    }
}
