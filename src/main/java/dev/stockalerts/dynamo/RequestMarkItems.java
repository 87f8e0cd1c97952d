package dev.stockalerts.dynamo;

import dev.stockalerts.manage.RequestMark;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.util.HashMap;
import java.util.Map;

import static dev.stockalerts.dynamo.Items.*;

/**
 * Request marks (pk REQUEST, sk the request id): the answer a change gave, written in the change's transaction only if
 * absent, and expired by DynamoDB's TTL once the request can no longer be repeated.
 */
final class RequestMarkItems {
    static final String PK = "REQUEST";
    static final String ANSWER = "answer";

    private RequestMarkItems() {}

    static Map<String, AttributeValue> key(String requestId) {
        return Items.key(PK, requestId);
    }

    /** The mark's put as a transaction item, refused when the mark exists. */
    static TransactWriteItem put(String table, RequestMark mark) {
        Map<String, AttributeValue> item = new HashMap<>(key(mark.requestId()));
        item.put(ANSWER, s(mark.answer()));
        item.put(EXPIRES_AT, n(mark.expiresAt().getEpochSecond()));
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.NONE)).build();
    }
}
