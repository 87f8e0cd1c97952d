package dev.stockalerts.testing.iam;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What IAM authorizes for one DynamoDB call as it goes over the wire (AWS JSON 1.0: the operation from
 * {@code X-Amz-Target}, the body as JSON), following DynamoDB's documented authorization: single-item operations and
 * Query by their partition key ({@code dynamodb:LeadingKeys}); a BatchWriteItem or BatchGetItem once per table with
 * every partition key of its requests; each item of TransactWriteItems as its own action (Put as PutItem, Update as
 * UpdateItem, Delete as DeleteItem, ConditionCheck as ConditionCheckItem) and of TransactGetItems as GetItem.
 */
public final class DynamoIamRequests {
    public static final String LEADING_KEYS = "dynamodb:LeadingKeys";
    /** The table's partition key attribute (dynamo/TableSetup). */
    private static final String PARTITION_KEY = "pk";
    private static final Pattern KEY_CONDITION = Pattern.compile("(#?\\w+)\\s*=\\s*(:\\w+)");

    private final String region;
    private final String account;

    public DynamoIamRequests(String region, String account) {
        this.region = region;
        this.account = account;
    }

    public List<IamRequest> of(String operation, JsonNode body) {
        List<IamRequest> requests = new ArrayList<>();
        switch (operation) {
            case "GetItem", "DeleteItem", "UpdateItem" -> requests.add(keyed(operation, table(body), body.path("Key")));
            case "PutItem" -> requests.add(keyed(operation, table(body), body.path("Item")));
            case "Query" -> requests.add(new IamRequest("dynamodb:Query", resource(table(body), body.path("IndexName").asText(null)),
                    Map.of(LEADING_KEYS, Set.of(queriedPartition(body)))));
            case "BatchWriteItem" -> body.path("RequestItems").fields().forEachRemaining(e -> {
                Set<String> keys = new LinkedHashSet<>();
                for (JsonNode write : e.getValue()) {
                    JsonNode item = write.has("PutRequest") ? write.path("PutRequest").path("Item") : write.path("DeleteRequest").path("Key");
                    keys.add(partition(item));
                }
                requests.add(new IamRequest("dynamodb:BatchWriteItem", resource(e.getKey(), null), Map.of(LEADING_KEYS, keys)));
            });
            case "BatchGetItem" -> body.path("RequestItems").fields().forEachRemaining(e -> {
                Set<String> keys = new LinkedHashSet<>();
                for (JsonNode key : e.getValue().path("Keys")) keys.add(partition(key));
                requests.add(new IamRequest("dynamodb:BatchGetItem", resource(e.getKey(), null), Map.of(LEADING_KEYS, keys)));
            });
            case "TransactWriteItems" -> {
                for (JsonNode item : body.path("TransactItems")) {
                    if (item.has("Put")) requests.add(keyed("PutItem", table(item.get("Put")), item.get("Put").path("Item")));
                    else if (item.has("Update")) requests.add(keyed("UpdateItem", table(item.get("Update")), item.get("Update").path("Key")));
                    else if (item.has("Delete")) requests.add(keyed("DeleteItem", table(item.get("Delete")), item.get("Delete").path("Key")));
                    else if (item.has("ConditionCheck")) {
                        requests.add(keyed("ConditionCheckItem", table(item.get("ConditionCheck")), item.get("ConditionCheck").path("Key")));
                    } else {
                        throw new IllegalArgumentException("a transaction item of no known kind: " + item);
                    }
                }
            }
            case "TransactGetItems" -> {
                for (JsonNode item : body.path("TransactItems")) requests.add(keyed("GetItem", table(item.get("Get")), item.get("Get").path("Key")));
            }
            // Whole-table operations carry no partition key: a LeadingKeys condition does not narrow them.
            default -> requests.add(new IamRequest("dynamodb:" + operation, resource(table(body), null), Map.of()));
        }
        return requests;
    }

    private IamRequest keyed(String operation, String table, JsonNode key) {
        return new IamRequest("dynamodb:" + operation, resource(table, null), Map.of(LEADING_KEYS, Set.of(partition(key))));
    }

    private String resource(String table, String index) {
        String arn = "arn:aws:dynamodb:" + region + ":" + account + ":table/" + table;
        return index == null ? arn : arn + "/index/" + index;
    }

    private static String table(JsonNode body) {
        String table = body.path("TableName").asText(null);
        if (table == null) throw new IllegalArgumentException("no TableName in " + body);
        return table;
    }

    private static String partition(JsonNode key) {
        JsonNode pk = key.path(PARTITION_KEY);
        if (!pk.has("S")) throw new IllegalArgumentException("no string partition key in " + key);
        return pk.get("S").asText();
    }

    /** The partition a Query reads: the value its key condition sets the partition key equal to. */
    private static String queriedPartition(JsonNode body) {
        String condition = body.path("KeyConditionExpression").asText("");
        Matcher m = KEY_CONDITION.matcher(condition);
        while (m.find()) {
            String name = m.group(1).startsWith("#") ? body.path("ExpressionAttributeNames").path(m.group(1)).asText() : m.group(1);
            if (!name.equals(PARTITION_KEY)) continue;
            JsonNode value = body.path("ExpressionAttributeValues").path(m.group(2));
            if (value.has("S")) return value.get("S").asText();
        }
        throw new IllegalArgumentException("a Query whose partition key cannot be read: " + body);
    }
}
