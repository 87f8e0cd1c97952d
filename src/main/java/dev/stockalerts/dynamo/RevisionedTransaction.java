package dev.stockalerts.dynamo;

import dev.stockalerts.manage.AlertAdmin;
import dev.stockalerts.time.Deadline;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionInProgressException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A change of definitions and the bump of its shard's alerts revision on the config item in one transaction: the
 * scheduled run of that shard re-reads definitions only when the revision moves, so one must never land without the
 * other, and the other shards' runs see no change.
 *
 * <p>What the SDK does not retry itself, a cancellation for contention (a conflicting transaction, or throttling on
 * an item) and a call out of time, is retried with {@link Backoff} until the deadline, then reported as
 * {@link AlertAdmin.Busy}; what the SDK already retried (throttling, a transaction in progress) is Busy at once. Every
 * attempt carries the same {@code ClientRequestToken}, so an attempt that committed although its answer was lost is
 * not applied twice.
 */
final class RevisionedTransaction {
    /** Committed, or refused because a condition failed: then {@code refusal} has one reason per item, in order. */
    record Outcome(boolean committed, Cancellation refusal) {
        static final Outcome COMMITTED = new Outcome(true, new Cancellation(List.of()));

        boolean failed(int item) {
            return !committed && refusal.conditionFailed(item);
        }

        /** The item as it was when its condition failed; empty when there was none. */
        Map<String, AttributeValue> old(int item) {
            return refusal.old(item);
        }

        List<CancellationReason> reasons() {
            return refusal.reasons();
        }
    }

    private final DynamoDbClient client;
    private final String table;
    private final Backoff backoff;

    /**
     * @param backoff the pauses between attempts: none past the deadline, and a last attempt where nothing bounds the
     *                time (local tools)
     */
    RevisionedTransaction(DynamoDbClient client, String table, Backoff backoff) {
        this.client = client;
        this.table = table;
        this.backoff = backoff;
    }

    /**
     * The config item's update: {@code ADD} 1 to the shard's revision ({@code alertsRevision} unsharded), plus
     * {@code extra} (e.g. ", alertCount :n") under {@code condition} (null: none). A failed condition hands back the
     * config item as it was.
     */
    TransactWriteItem bump(Shard shard, String extra, String condition, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":one", Items.n(1L));
        return TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(DynamoConfigStore.KEY)
                .updateExpression("ADD #rev :one" + extra)
                .conditionExpression(condition)
                .expressionAttributeNames(names(shard, extra + " " + condition))
                .expressionAttributeValues(all)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build();
    }

    /** Commits {@code change} and {@code bump} (in that order, so the outcome's items are 0 and 1). */
    Outcome commit(TransactWriteItem change, TransactWriteItem bump, Deadline deadline) {
        return commit(change, bump, null, deadline);
    }

    /** The same with a request's {@code mark} (null: none) as item 2, written only if the change is. */
    Outcome commit(TransactWriteItem change, TransactWriteItem bump, TransactWriteItem mark, Deadline deadline) {
        List<TransactWriteItem> items = mark == null ? List.of(change, bump) : List.of(change, bump, mark);
        String token = UUID.randomUUID().toString();
        for (int attempt = 1; ; attempt++) {
            RuntimeException contention;
            try {
                client.transactWriteItems(b -> b.transactItems(items).clientRequestToken(token)
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                        .overrideConfiguration(o -> {
                            if (deadline.bounded()) o.apiCallTimeout(deadline.remaining());
                        }));
                return Outcome.COMMITTED;
            } catch (TransactionCanceledException e) {
                Cancellation cancellation = Cancellation.of(e);
                if (cancellation.kind() == Cancellation.Kind.CONDITIONS_FAILED) return new Outcome(false, cancellation);
                if (cancellation.kind() == Cancellation.Kind.OTHER) throw e;
                contention = e;
            } catch (ApiCallTimeoutException e) {
                // The SDK does not retry a call out of time. The same token: a retry completes or repeats the same
                // transaction, never a second one.
                contention = e;
            } catch (TransactionInProgressException | ApiCallAttemptTimeoutException e) {
                throw retriedBySdk(e);
            } catch (DynamoDbException e) {
                if (e.isThrottlingException()) throw retriedBySdk(e);
                throw e;
            }
            if (!backoff.pause(attempt, deadline)) {
                throw new AlertAdmin.Busy("alert definitions still contended after " + attempt + " attempts"
                        + (Thread.currentThread().isInterrupted() ? " (interrupted)" : "") + ": "
                        + contention.getClass().getSimpleName(), contention);
            }
        }
    }

    /**
     * Throttling, a transaction still in progress (both throttling codes to the SDK) and an attempt out of time are
     * what the SDK's own retry policy retries (AwsErrorCode, SdkDefaultRetrySetting): by the time one comes out of the
     * call, those retries are spent, and another round of them would multiply the attempts the caller waits for.
     */
    private static AlertAdmin.Busy retriedBySdk(RuntimeException e) {
        return new AlertAdmin.Busy("alert definitions still contended after the SDK's retries: " + e.getClass().getSimpleName(), e);
    }

    /** #rev, and the attribute names an extra expression uses (#count): the only ones these updates touch. */
    private static Map<String, String> names(Shard shard, String expression) {
        Map<String, String> names = new HashMap<>(Map.of("#rev", shard.revision()));
        if (expression.contains("#count")) names.put("#count", AlertCount.ATTRIBUTE);
        return names;
    }

}
