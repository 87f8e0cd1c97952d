package dev.stockalerts.dynamo;

import dev.stockalerts.alert.AlertState;
import dev.stockalerts.delivery.Claim;
import dev.stockalerts.delivery.ClaimResult;
import dev.stockalerts.delivery.DeliveryLedger;
import dev.stockalerts.time.Deadline;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionInProgressException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A delivery claim written as one TransactWriteItems (a single item as one conditional write, at half the units),
 * with the claim id as ClientRequestToken so a retried call cannot apply twice: states conditional on the version
 * they were derived from, ledgers on the attempt they were read at.
 */
final class ClaimTransaction {
    private final DynamoDbClient client;
    private final String table;
    private final Shard shard;
    private final Backoff backoff;
    private final Function<DeliveryLedger, Instant> expiresAt;
    private final Consumer<String> log;

    ClaimTransaction(DynamoDbClient client, String table, Shard shard, Backoff backoff,
                     Function<DeliveryLedger, Instant> expiresAt, Consumer<String> log) {
        this.client = client;
        this.table = table;
        this.shard = shard;
        this.backoff = backoff;
        this.expiresAt = expiresAt;
        this.log = log;
    }

    ClaimResult write(Claim claim) {
        List<TransactWriteItem> items = new ArrayList<>();
        List<String> stateIds = new ArrayList<>();
        List<String> ledgerIds = new ArrayList<>();
        claim.states().forEach(s -> {
            items.add(TransactWriteItem.builder().put(conditionalPut(s)).build());
            stateIds.add(s.alertId());
        });
        claim.puts().forEach(w -> {
            items.add(TransactWriteItem.builder().put(ledgerPut(w)).build());
            ledgerIds.add(w.ledger().id());
        });
        claim.deletes().forEach(w -> {
            items.add(TransactWriteItem.builder().delete(ledgerDelete(w)).build());
            ledgerIds.add(w.ledger().id());
        });
        if (items.size() == 1) return single(items.get(0), claim, stateIds, ledgerIds);
        for (int attempt = 1; ; attempt++) {
            try {
                // The claim id as idempotency token: a repeat of a call that did commit answers success, not a refusal.
                client.transactWriteItems(b -> b.transactItems(items).clientRequestToken(claim.id())
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
                return ClaimResult.COMMITTED;
            } catch (TransactionCanceledException e) {
                Cancellation cancellation = Cancellation.of(e);
                if (cancellation.kind() == Cancellation.Kind.CONDITIONS_FAILED) return refusals(cancellation, stateIds, ledgerIds);
                if (cancellation.kind() == Cancellation.Kind.OTHER) {
                    // Nothing was written, and the same items would be cancelled again: no retry, nothing to read back.
                    log.accept("[Delivery] Claim " + claim.id() + " was cancelled for a reason trying again cannot fix: "
                            + cancellation.describe());
                    return ClaimResult.FAILED;
                }
                // A conflict or throttle: nothing was written, the same items may go again. Claims carry no deadline of
                // their own: the client's CallDeadline caps each call by the run's.
                if (!backoff.pause(attempt, Deadline.none())) break;
            } catch (SdkException e) {
                return failure(e, claim);
            }
        }
        log.accept("[Delivery] Claim " + claim.id() + " kept meeting conflicts or throttles; trying next run");
        return ClaimResult.FAILED;
    }

    /**
     * A one-item claim as a plain conditional write, which has no ClientRequestToken: when its answer is lost and the
     * SDK sends it again, the repeat meets the item the first one wrote and fails its condition. So a failed condition
     * is judged by the item as it is stored (ALL_OLD):
     * <ul>
     *   <li>a put (a retried ledger rewritten at its next attempt) whose ledger carries this claim's id had committed;</li>
     *   <li>a lone delete (a retried ledger that has nothing left worth sending, see {@code ClaimPlanner}) that finds no
     *       item has what it was for: the ledger is gone, whether by this delete's lost first answer, a container that
     *       merged it away, or its TTL, and such a claim sends nothing. {@code Claimer} reads a delete-only claim in
     *       doubt the same way.</li>
     * </ul>
     * Otherwise the stored item moved on (another container's attempt, a newer state version): refused.
     */
    private ClaimResult single(TransactWriteItem item, Claim claim, List<String> stateIds, List<String> ledgerIds) {
        try {
            if (item.put() != null) {
                Put p = item.put();
                client.putItem(b -> b.tableName(table).item(p.item()).conditionExpression(p.conditionExpression())
                        .expressionAttributeNames(p.expressionAttributeNames()).expressionAttributeValues(p.expressionAttributeValues())
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            } else {
                Delete d = item.delete();
                client.deleteItem(b -> b.tableName(table).key(d.key()).conditionExpression(d.conditionExpression())
                        .expressionAttributeNames(d.expressionAttributeNames()).expressionAttributeValues(d.expressionAttributeValues())
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            }
            return ClaimResult.COMMITTED;
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> stored = e.hasItem() ? e.item() : Map.of();
            boolean landed = item.put() != null
                    ? !claim.id().isEmpty() && LedgerItems.isLedger(stored) && claim.id().equals(Items.string(stored, LedgerItems.CLAIM))
                    : stored.isEmpty();
            return landed ? ClaimResult.COMMITTED : ClaimResult.refused(Set.copyOf(stateIds), Set.copyOf(ledgerIds));
        } catch (SdkException e) {
            return failure(e, claim);
        }
    }

    /** The items whose own condition failed: states first, then ledgers, as the transaction lists them. */
    private static ClaimResult refusals(Cancellation cancellation, List<String> stateIds, List<String> ledgerIds) {
        Set<String> states = new LinkedHashSet<>();
        Set<String> ledgers = new LinkedHashSet<>();
        for (int i = 0; i < stateIds.size() + ledgerIds.size(); i++) {
            if (!cancellation.conditionFailed(i)) continue;
            if (i < stateIds.size()) states.add(stateIds.get(i));
            else ledgers.add(ledgerIds.get(i - stateIds.size()));
        }
        return ClaimResult.refused(states, ledgers);
    }

    /**
     * A request DynamoDB rejected (throttled, invalid: a 4xx) wrote nothing. No answer, a 5xx or a transaction
     * still in progress may hide a commit: in doubt, to be read back.
     */
    private ClaimResult failure(SdkException e, Claim claim) {
        boolean rejected = e instanceof DynamoDbException d && d.statusCode() >= 400 && d.statusCode() < 500
                && !(e instanceof TransactionInProgressException);
        log.accept("[Delivery] Claim " + claim.id() + " failed"
                + (rejected ? "" : " without a clear answer") + ": " + e.getMessage());
        return rejected ? ClaimResult.FAILED : ClaimResult.IN_DOUBT;
    }

    private Put conditionalPut(AlertState state) {
        Put.Builder put = Put.builder().tableName(table).item(StateItems.toItem(shard, state, state.version() + 1));
        if (state.version() == 0) {
            put.conditionExpression("attribute_not_exists(pk)");
        } else {
            put.conditionExpression("#v = :v")
                    .expressionAttributeNames(Map.of("#v", StateItems.VERSION))
                    .expressionAttributeValues(Map.of(":v", Items.n(state.version())));
        }
        return put.build();
    }

    private Put ledgerPut(Claim.LedgerWrite write) {
        Put.Builder put = Put.builder().tableName(table).item(LedgerItems.toItem(shard, write.ledger(), expiresAt.apply(write.ledger())));
        if (write.expectedAttempt() == null) return put.conditionExpression("attribute_not_exists(pk)").build();
        return put.conditionExpression("#a = :a")
                .expressionAttributeNames(Map.of("#a", LedgerItems.ATTEMPT))
                .expressionAttributeValues(Map.of(":a", Items.n(write.expectedAttempt()))).build();
    }

    private Delete ledgerDelete(Claim.LedgerWrite write) {
        return Delete.builder().tableName(table).key(LedgerItems.key(shard, write.ledger().id()))
                .conditionExpression("#a = :a")
                .expressionAttributeNames(Map.of("#a", LedgerItems.ATTEMPT))
                .expressionAttributeValues(Map.of(":a", Items.n(write.expectedAttempt()))).build();
    }
}
