package dev.stockalerts.dynamo;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.state.AlertAdmin;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
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

    /** Strongly consistent: read when the alerts revision moved, so the change behind it must be seen. */
    @Override
    public List<Alert> loadAll() {
        return Items.partition(client, table, AlertItems.PARTITION, true).stream().map(AlertItems::fromItem).toList();
    }

    /** Writes one definition unconditionally; used by local seeding and tests. */
    public void put(Alert alert) {
        client.putItem(b -> b.tableName(table).item(AlertItems.toItem(alert)).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    }

    /** Strongly consistent, so a client that just created an alert can read it back at once. */
    @Override
    public Optional<Alert> get(String id) {
        return Items.get(client, table, Items.key(AlertItems.PARTITION, id), true).map(AlertItems::fromItem);
    }

    @Override
    public boolean create(Alert alert) {
        return withRevisionBump(TransactWriteItem.builder().put(p -> p.tableName(table)
                .item(AlertItems.toItem(alert))
                .conditionExpression("attribute_not_exists(pk)")).build());
    }

    @Override
    public boolean delete(String id) {
        return withRevisionBump(TransactWriteItem.builder().delete(d -> d.tableName(table)
                .key(Items.key(AlertItems.PARTITION, id))
                .conditionExpression("attribute_exists(pk)")).build());
    }

    @Override
    public boolean requestRearm(String id, Instant at) {
        return withRevisionBump(TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(Items.key(AlertItems.PARTITION, id))
                .updateExpression("SET #r = :at")
                // Without the condition the update would create a bare item for an unknown id.
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#r", AlertItems.REARM_REQUESTED_AT))
                .expressionAttributeValues(Map.of(":at", Items.s(at.toString())))).build());
    }

    /**
     * The change and the bump of the config's alerts revision in one transaction: the scheduled
     * function re-reads definitions only when the revision moves, so one must never land without
     * the other. @return false when the change's own condition failed (nothing written)
     */
    private boolean withRevisionBump(TransactWriteItem change) {
        TransactWriteItem bump = TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(Items.key(DynamoConfigStore.PARTITION, DynamoConfigStore.GLOBAL))
                .updateExpression("ADD #rev :one")
                .expressionAttributeNames(Map.of("#rev", DynamoConfigStore.REVISION))
                .expressionAttributeValues(Map.of(":one", Items.n(1L)))).build();
        try {
            client.transactWriteItems(b -> b.transactItems(change, bump).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            return true;
        } catch (TransactionCanceledException e) {
            boolean conditionFailed = e.hasCancellationReasons() && !e.cancellationReasons().isEmpty()
                    && "ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code());
            if (conditionFailed) return false;
            throw e;
        }
    }
}
