package dev.stockalerts.dynamo;

import dev.stockalerts.alert.AlertState;
import dev.stockalerts.alert.Firing;
import dev.stockalerts.delivery.FiringRecord;
import dev.stockalerts.state.StateStore.WriteOutcome;
import dev.stockalerts.time.Deadline;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DynamoDB Local never returns UnprocessedItems, so this unit test gives the adapter a client
 * that does, the way the service does under load: part of the batch comes back to retry.
 */
class UnprocessedItemsRetryTest {
    private static final String TABLE = "t";

    /** Hands back the last {@code keepBack} requests of every call as unprocessed, {@code rounds} times. */
    private static class PartialBatchClient implements DynamoDbClient {
        final List<Integer> requestSizes = new ArrayList<>();
        int rounds;
        final int keepBack;

        PartialBatchClient(int rounds, int keepBack) {
            this.rounds = rounds;
            this.keepBack = keepBack;
        }

        @Override
        public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
            List<WriteRequest> items = request.requestItems().get(TABLE);
            requestSizes.add(items.size());
            if (rounds-- <= 0) return BatchWriteItemResponse.builder().unprocessedItems(Map.of()).build();
            List<WriteRequest> back = items.subList(Math.max(0, items.size() - keepBack), items.size());
            return BatchWriteItemResponse.builder().unprocessedItems(Map.of(TABLE, back)).build();
        }

        /** None of the states is stored yet: every put is a first write, which the store's check lets through. */
        @Override
        public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
            return BatchGetItemResponse.builder().responses(Map.of(TABLE, List.of())).build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {}
    }

    private final List<Duration> pauses = new ArrayList<>();
    private final Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(2), 5, pauses::add, new Random(7));

    private static List<AlertState> states(int n) {
        return IntStream.range(0, n).mapToObj(i -> AlertState.initial("a" + i)).toList();
    }

    @Test
    void unprocessedItemsAreRetriedWithGrowingJitteredPauses() {
        PartialBatchClient client = new PartialBatchClient(2, 10);
        WriteOutcome outcome = new DynamoStateStore(client, TABLE, backoff, line -> {}).writeBatch(states(25), List.of(), Deadline.none());

        assertEquals(List.of(25, 10, 10), client.requestSizes);
        assertEquals(25, outcome.written().size());
        assertEquals(2, pauses.size());
        assertTrue(pauses.get(0).toMillis() <= 50, "first pause within 50 ms: " + pauses);
        assertTrue(pauses.get(1).toMillis() <= 100, "second pause within 100 ms: " + pauses);
    }

    @Test
    void whatNeverGetsInIsReportedAsFailedNotDropped() {
        PartialBatchClient client = new PartialBatchClient(Integer.MAX_VALUE, 3);
        WriteOutcome outcome = new DynamoStateStore(client, TABLE, backoff, line -> {}).writeBatch(states(30), List.of(), Deadline.none());

        // Two chunks (25 + 5), each tried five times; the last three of each never get in.
        assertEquals(List.of(25, 3, 3, 3, 3, 5, 3, 3, 3, 3), client.requestSizes);
        assertEquals(List.of("a22", "a23", "a24", "a27", "a28", "a29"), List.copyOf(outcome.failed()));
        assertEquals(24, outcome.written().size());
    }

    @Test
    void whatDoesNotGetInIsLoggedOncePerWriteWithHowManyAndWhy() {
        List<String> log = new ArrayList<>();
        DynamoStateStore store = new DynamoStateStore(new PartialBatchClient(Integer.MAX_VALUE, 3), TABLE, backoff, log::add);

        store.writeBatch(states(30), List.of(), Deadline.none());
        store.writeBatch(states(30), List.of(), Deadline.in(Duration.ZERO));

        assertEquals(List.of(
                "[KV Cache] 6 of 30 batched writes did not get in (unprocessed after 5 attempts); they remain queued for a later write",
                "[KV Cache] 30 of 30 batched writes did not get in (out of time); they remain queued for a later write"), log);
    }

    @Test
    void aFailedCallIsLoggedOnceWithItsError() {
        List<String> log = new ArrayList<>();
        DynamoDbClient failing = new PartialBatchClient(0, 0) {
            @Override
            public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
                throw SdkClientException.create("Unable to execute HTTP request: Connection refused");
            }
        };

        WriteOutcome outcome = new DynamoStateStore(failing, TABLE, backoff, log::add).writeBatch(states(30), List.of(), Deadline.none());

        assertEquals(30, outcome.failed().size());
        assertEquals(List.of("[KV Cache] 30 of 30 batched writes did not get in (BatchWriteItem failed: Unable to execute HTTP "
                + "request: Connection refused); they remain queued for a later write"), log);
    }

    @Test
    void firingRecordsLeftUnprocessedAreKnownByTheirItemsKey() {
        // The copy that comes back need not equal the request sent in every attribute: here its price reads "101".
        DynamoDbClient client = new PartialBatchClient(0, 0) {
            @Override
            public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
                List<WriteRequest> back = request.requestItems().get(TABLE).stream().map(w -> {
                    Map<String, AttributeValue> item = new HashMap<>(w.putRequest().item());
                    item.put("p", AttributeValue.fromN("101"));
                    return WriteRequest.builder().putRequest(r -> r.item(item)).build();
                }).toList();
                return BatchWriteItemResponse.builder().unprocessedItems(Map.of(TABLE, back)).build();
            }
        };
        List<FiringRecord> records = List.of(
                new FiringRecord(new Firing("a", 1, Instant.parse("2026-11-23T14:00:00Z"), 101), List.of()),
                new FiringRecord(new Firing("b", 1, Instant.parse("2026-11-23T14:00:00Z"), 101), List.of()));

        List<FiringRecord> failed = new DynamoFiringHistory(client, TABLE, Duration.ofDays(90), backoff, line -> {}).record(records);

        assertEquals(records, failed, "neither got in: both stay to be recorded again");
    }

    @Test
    void noPauseIsTakenThatWouldOutlastTheDeadline() {
        PartialBatchClient client = new PartialBatchClient(Integer.MAX_VALUE, 3);
        // Every pause drawn is its full second: none fits in what is left of a 300 ms deadline.
        Backoff oneSecond = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 5, pauses::add, new Random(7) {
            @Override
            public long nextLong(long bound) {
                return bound - 1;
            }
        });

        WriteOutcome outcome = new DynamoStateStore(client, TABLE, oneSecond, line -> {})
                .writeBatch(states(25), List.of(), Deadline.in(Duration.ofMillis(300)));

        assertEquals(List.of(), pauses, "nothing slept past the deadline");
        assertEquals(List.of(25), client.requestSizes, "no attempt after a pause that does not fit");
        assertEquals(List.of("a22", "a23", "a24"), List.copyOf(outcome.failed()));
    }
}
