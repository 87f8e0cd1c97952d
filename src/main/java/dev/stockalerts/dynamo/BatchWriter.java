package dev.stockalerts.dynamo;

import dev.stockalerts.time.Deadline;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * BatchWriteItem done right: at most 25 requests a call, UnprocessedItems retried with exponential backoff and full
 * jitter, nothing started once the deadline has passed. What never got in is returned, never dropped.
 */
final class BatchWriter {
    static final int BATCH_LIMIT = 25;

    private final DynamoDbClient client;
    private final String table;
    private final Backoff backoff;
    private final Consumer<String> log;

    BatchWriter(DynamoDbClient client, String table, Backoff backoff, Consumer<String> log) {
        this.client = client;
        this.table = table;
        this.backoff = backoff;
        this.log = log;
    }

    /**
     * The requests that were not written (failed, unprocessed after every retry, or out of time). When some were not,
     * one line says how many and why: callers keep them queued (states, history) or fail with them (settlements,
     * re-sharding), and none of them logs what comes back.
     */
    List<WriteRequest> write(List<WriteRequest> requests, Deadline deadline) {
        Set<String> why = new LinkedHashSet<>();
        List<WriteRequest> unwritten = write(requests, deadline, why);
        logUnwritten(unwritten.size(), requests.size(), why);
        return unwritten;
    }

    /** The same without the line: the caller adds to {@code why} and says it once for a write made of several. */
    List<WriteRequest> write(List<WriteRequest> requests, Deadline deadline, Set<String> why) {
        List<WriteRequest> unwritten = new ArrayList<>();
        for (int from = 0; from < requests.size(); from += BATCH_LIMIT) {
            List<WriteRequest> chunk = requests.subList(from, Math.min(from + BATCH_LIMIT, requests.size()));
            if (deadline.expired()) {
                unwritten.addAll(chunk);
                why.add("out of time");
            } else {
                unwritten.addAll(writeChunk(chunk, deadline, why));
            }
        }
        return unwritten;
    }

    void logUnwritten(int unwritten, int of, Set<String> why) {
        if (unwritten == 0) return;
        log.accept("[KV Cache] " + unwritten + " of " + of + " batched writes did not get in ("
                + String.join("; ", why) + "); they remain queued for a later write");
    }

    /**
     * One BatchWriteItem call, then retries of its UnprocessedItems with backoff while a pause leaves time for another
     * attempt before the deadline; returns what never got in, adding to {@code why} the reason.
     */
    private List<WriteRequest> writeChunk(List<WriteRequest> chunk, Deadline deadline, Set<String> why) {
        List<WriteRequest> pending = chunk;
        for (int attempt = 1; ; attempt++) {
            List<WriteRequest> request = pending;
            try {
                BatchWriteItemResponse response = client.batchWriteItem(b -> b
                        .requestItems(Map.of(table, request))
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
                pending = response.hasUnprocessedItems()
                        ? response.unprocessedItems().getOrDefault(table, List.of()) : List.of();
            } catch (SdkException e) {
                // The SDK already retried throttling; the caller keeps these for a later attempt.
                why.add("BatchWriteItem failed: " + e.getMessage());
                return request;
            }
            if (pending.isEmpty()) return pending;
            if (!backoff.pause(attempt, deadline)) {
                why.add(attempt >= backoff.maxAttempts() ? "unprocessed after " + attempt + " attempts"
                        : "unprocessed when no retry fit before the deadline");
                return pending;
            }
        }
    }
}
