package dev.stockalerts.dynamo;

import dev.stockalerts.delivery.Claim;
import dev.stockalerts.delivery.ClaimResult;
import dev.stockalerts.delivery.DeliveryLedger;
import dev.stockalerts.delivery.FiringRecord;
import dev.stockalerts.delivery.LedgerStore;
import dev.stockalerts.time.Deadline;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Delivery ledgers in the states partition of a shard: claims as one transaction ({@link ClaimTransaction}),
 * settlements conditional on the ledger still carrying this container's claim.
 */
public final class DynamoLedgerStore implements LedgerStore {
    /** DynamoDB's limit of items per transaction. */
    static final int MAX_TRANSACTION_ITEMS = 100;

    private final DynamoDbClient client;
    private final String table;
    private final Shard shard;
    private final ClaimTransaction claims;
    private final Function<DeliveryLedger, Instant> expiresAt;
    private final DynamoFiringHistory history;
    private final BatchWriter batches;

    /**
     * @param shard     whose states partition the ledgers and claimed states are in
     * @param expiresAt the TTL each ledger is written with
     * @param history   where a settlement's firing records go, in the same batch as the ledger's delete when it can
     */
    public DynamoLedgerStore(DynamoDbClient client, String table, Shard shard, Backoff backoff,
                             Function<DeliveryLedger, Instant> expiresAt, DynamoFiringHistory history, Consumer<String> log) {
        this.client = client;
        this.table = table;
        this.shard = shard;
        this.claims = new ClaimTransaction(client, table, shard, backoff, expiresAt, log);
        this.expiresAt = expiresAt;
        this.history = history;
        this.batches = new BatchWriter(client, table, backoff, log);
    }

    @Override
    public int maxClaimItems() {
        return MAX_TRANSACTION_ITEMS;
    }

    @Override
    public ClaimResult claim(Claim claim) {
        return claims.write(claim);
    }

    @Override
    public Optional<DeliveryLedger> ledger(String id) {
        return Items.get(client, table, LedgerItems.key(shard, id), true).map(LedgerItems::fromItem);
    }

    /**
     * A ledger claimed in this run is deleted or rewritten in one BatchWriteItem with its history (nobody else can hold
     * it yet): a failing channel costs one call a retry here, not three. Otherwise the history goes first, then the
     * ledger write conditional on this container's claim; a retried settlement whose delete already landed finds the
     * ledger gone, which is the same outcome.
     */
    @Override
    public boolean settle(DeliveryLedger ledger, List<FiringRecord> records, boolean justClaimed) {
        if (justClaimed) {
            List<WriteRequest> writes = new ArrayList<>();
            writes.add(ledger.settled()
                    ? WriteRequest.builder().deleteRequest(d -> d.key(LedgerItems.key(shard, ledger.id()))).build()
                    : WriteRequest.builder().putRequest(p -> p.item(LedgerItems.toItem(shard, ledger, expiresAt.apply(ledger)))).build());
            writes.addAll(history.puts(records));
            written(batches.write(writes, Deadline.none()), ledger);
            return true;
        }
        if (!records.isEmpty()) written(batches.write(history.puts(records), Deadline.none()), ledger);
        Map<String, String> names = Map.of("#c", LedgerItems.CLAIM);
        Map<String, AttributeValue> values = Map.of(":c", Items.s(ledger.claim()));
        try {
            if (ledger.settled()) {
                client.deleteItem(b -> b.tableName(table).key(LedgerItems.key(shard, ledger.id()))
                        .conditionExpression("#c = :c").expressionAttributeNames(names).expressionAttributeValues(values)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            } else {
                client.putItem(b -> b.tableName(table).item(LedgerItems.toItem(shard, ledger, expiresAt.apply(ledger)))
                        .conditionExpression("#c = :c").expressionAttributeNames(names).expressionAttributeValues(values)
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            }
            return true;
        } catch (ConditionalCheckFailedException e) {
            return ledger.settled() && (!e.hasItem() || e.item().isEmpty()); // already deleted: by this settlement
        }
    }

    private static void written(List<WriteRequest> unwritten, DeliveryLedger ledger) {
        if (!unwritten.isEmpty()) {
            throw new IllegalStateException(unwritten.size() + " writes of ledger " + ledger.id() + "'s settlement did not get in");
        }
    }
}
