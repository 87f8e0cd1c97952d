package dev.stockalerts.dynamo;

import dev.stockalerts.check.StoreUsage;
import dev.stockalerts.testing.LocalDynamo;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DynamoMetricsTest {
    private final DynamoMetrics metrics = new DynamoMetrics();
    private final DynamoDbClient client = LocalDynamo.client(metrics);
    private final String table = LocalDynamo.newTable();

    @Test
    void countsCallsAndTheUnitsDynamoDbReports() {
        client.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("A"), "sk", AttributeValue.fromS("1")))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        client.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("A"), "sk", AttributeValue.fromS("1")))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        StoreUsage usage = metrics.snapshot();
        assertEquals(2, usage.calls());
        assertEquals(1.0, usage.writeUnits());
        assertEquals(0.5, usage.readUnits());
        assertEquals(Map.of("GetItem", 1L, "PutItem", 1L), usage.callsByOperation());
    }

    @Test
    void transactionsCountTwoUnitsPerItemWhereDynamoDbLocalUnderReports() {
        List<TransactWriteItem> items = IntStream.range(0, 10).mapToObj(i -> TransactWriteItem.builder()
                .put(Put.builder().tableName(table).item(Map.of("pk", AttributeValue.fromS("T"), "sk", AttributeValue.fromS("s" + i))).build())
                .build()).toList();
        var response = client.transactWriteItems(b -> b.transactItems(items).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));

        // DynamoDB Local's own figure: a flat 2.0 for ten items. If this changes, the floor can go.
        assertEquals(2.0, response.consumedCapacity().get(0).capacityUnits());
        assertEquals(20.0, metrics.snapshot().writeUnits());
    }
}
