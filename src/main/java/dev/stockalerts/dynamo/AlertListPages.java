package dev.stockalerts.dynamo;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.manage.AlertAdmin.Page;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The paged list of alert definitions. A position is the last id shown; among several shards it is the shard's
 * number and that id ("2/id"), and the list is each shard's alerts oldest first, shard after shard.
 */
final class AlertListPages {
    private final DynamoDbClient client;
    private final String table;
    private final int shards;

    AlertListPages(DynamoDbClient client, String table, int shards) {
        this.client = client;
        this.table = table;
        this.shards = shards;
    }

    /**
     * Ids sort by creation time (the API makes time-ordered ids), so a page is a Query of up to limit + 1 items from
     * the key after the position: the extra one only tells whether another page follows, and a page past 1 MB is
     * continued, never the whole partition read. A page that ends a shard goes on in the next one.
     */
    Page page(int limit, String after) {
        int first = 0;
        String afterId = after;
        if (after != null && shards > 1) {
            int slash = after.indexOf('/');
            try {
                first = new Shard(Integer.parseInt(after.substring(0, Math.max(slash, 0))), shards).index();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a position of a list over " + shards + " shards: " + after, e);
            }
            afterId = after.substring(slash + 1);
        }
        List<Alert> alerts = new ArrayList<>();
        List<String> positions = new ArrayList<>();
        for (int s = first; s < shards && alerts.size() <= limit; s++) {
            fill(new Shard(s, shards), s == first ? afterId : null, limit, alerts, positions);
        }
        if (alerts.size() <= limit) return new Page(alerts, null);
        return new Page(List.copyOf(alerts.subList(0, limit)), positions.get(limit - 1));
    }

    /** Adds the shard's definitions after {@code afterId} (null: from its first) until there are limit + 1. */
    private void fill(Shard shard, String afterId, int limit, List<Alert> alerts, List<String> positions) {
        Map<String, AttributeValue> start = afterId == null ? null : Items.key(shard.alerts(), afterId);
        while (alerts.size() <= limit) {
            Map<String, AttributeValue> from = start;
            int wanted = limit + 1 - alerts.size();
            QueryResponse response = client.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", Items.s(shard.alerts())))
                    .exclusiveStartKey(from).limit(wanted).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            response.items().forEach(item -> {
                Alert alert = AlertItems.fromItem(item);
                alerts.add(alert);
                positions.add(shards == 1 ? alert.id() : shard.index() + "/" + alert.id());
            });
            if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) return;
            start = response.lastEvaluatedKey();
        }
    }
}
