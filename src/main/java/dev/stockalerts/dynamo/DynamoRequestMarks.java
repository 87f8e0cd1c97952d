package dev.stockalerts.dynamo;

import dev.stockalerts.bot.AnsweredRequests;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.Optional;

/** Reads the request marks changes of definitions wrote with them (pk REQUEST, sk request id). */
public final class DynamoRequestMarks implements AnsweredRequests {
    private final DynamoDbClient client;
    private final String table;

    public DynamoRequestMarks(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    /** Strongly consistent: a repeat that follows its first attempt closely must see the mark that attempt wrote. */
    @Override
    public Optional<String> answerTo(String requestId) {
        return Items.get(client, table, RequestMarkItems.key(requestId), true)
                .map(item -> Items.string(item, RequestMarkItems.ANSWER));
    }
}
