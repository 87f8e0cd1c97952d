package dev.stockalerts.dynamo;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.check.ConfigStore;
import dev.stockalerts.manage.AlertAdmin;
import dev.stockalerts.manage.RequestMark;
import dev.stockalerts.state.AlertRepository;
import dev.stockalerts.time.Deadline;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alert definitions in their shard's partition (ALERT unsharded, ALERT#k among several shards); every change goes with
 * the bump of its shard's alerts revision. An alert is found by id through its shard ({@link Shard#of}).
 */
public final class DynamoAlertRepository implements AlertAdmin {
    /** A create or delete that finds no alert count initializes it, then tries again; more would be a bug. */
    private static final int COUNT_INITIALIZATIONS = 2;
    /** A request's mark is the third item of a change's transaction, after the change and the revision bump. */
    private static final int MARK = 2;

    private final DynamoDbClient client;
    private final String table;
    private final int shards;
    private final RevisionedTransaction transaction;
    private final AlertListPages pages;

    /** The unsharded table (ALERT_SHARDS 1). */
    public DynamoAlertRepository(DynamoDbClient client, String table) {
        this(client, table, 1);
    }

    public DynamoAlertRepository(DynamoDbClient client, String table, int shards) {
        this(client, table, shards, Backoff.standard());
    }

    /** @param backoff the pauses between attempts of a contended change (tests pass one that does not sleep) */
    DynamoAlertRepository(DynamoDbClient client, String table, int shards, Backoff backoff) {
        this.client = client;
        this.table = table;
        this.shards = new Shard(0, shards).count();
        this.transaction = new RevisionedTransaction(client, table, backoff);
        this.pages = new AlertListPages(client, table, this.shards);
    }

    /** Every shard's definitions, shard after shard. */
    @Override
    public List<Alert> loadAll() {
        return Shard.all(shards).stream().flatMap(shard -> load(shard).stream()).toList();
    }

    /**
     * One shard's definitions: all its scheduled run reads, when its revision moved. One that belongs to another
     * shard means the table is laid out for another shard count: the run fails with the reason (docs/scaling.md).
     */
    public AlertRepository of(Shard shard) {
        if (shard.count() != shards) throw new IllegalArgumentException(shard + " is not one of " + shards + " shards");
        return () -> {
            List<Alert> alerts = load(shard);
            alerts.stream().filter(a -> !Shard.of(a.id(), shards).equals(shard)).findFirst().ifPresent(a -> {
                throw new ConfigStore.WrongLayout("alert " + a.id() + " is stored in " + shard.alerts() + " but belongs to shard "
                        + Shard.of(a.id(), shards).index() + " of ALERT_SHARDS " + shards
                        + ": the table is laid out for another number of shards; re-shard it (docs/scaling.md)");
            });
            return alerts;
        };
    }

    /** Strongly consistent: read when the alerts revision moved, so the change behind it must be seen. */
    private List<Alert> load(Shard shard) {
        return Items.partition(client, table, shard.alerts(), true).stream().map(AlertItems::fromItem).toList();
    }

    private Shard shardOf(String alertId) {
        return Shard.of(alertId, shards);
    }

    /** Writes one definition unconditionally and without counting it: local seeding of a fresh table only. */
    public void put(Alert alert) {
        client.putItem(b -> b.tableName(table).item(AlertItems.toItem(shardOf(alert.id()), alert))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    }

    /** Strongly consistent, so a client that just created an alert can read it back at once. */
    @Override
    public Optional<Alert> get(String id) {
        return Items.get(client, table, Items.key(shardOf(id).alerts(), id), true).map(AlertItems::fromItem);
    }

    /** Positions are the shard's number and an id among several shards: the list walks shard after shard. */
    @Override
    public String pageLayout() {
        return shards == 1 ? "" : shards + " shards";
    }

    @Override
    public Page page(int limit, String after) {
        return pages.page(limit, after);
    }

    /**
     * A Query with a filter per shard: it reads the whole partition and returns the chat's alerts. Chats that may
     * command the bot are the operator's own few, so their alerts are most of the table anyway; an index would cost a
     * write per change to save little.
     */
    @Override
    public List<Alert> ofTelegramChat(String chat) {
        List<Alert> alerts = new ArrayList<>();
        for (Shard shard : Shard.all(shards)) {
            client.queryPaginator(b -> b.tableName(table)
                            .keyConditionExpression("pk = :pk")
                            .filterExpression("#chat = :chat")
                            .expressionAttributeNames(Map.of("#chat", AlertItems.TELEGRAM_CHAT))
                            .expressionAttributeValues(Map.of(":pk", Items.s(shard.alerts()), ":chat", Items.s(chat)))
                            .consistentRead(true)
                            .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                    .items().forEach(item -> alerts.add(AlertItems.fromItem(item)));
        }
        return alerts;
    }

    @Override
    public Created create(Alert alert, int maxAlerts, Deadline deadline, RequestMark mark) {
        Shard shard = shardOf(alert.id());
        TransactWriteItem put = TransactWriteItem.builder().put(p -> p.tableName(table)
                .item(AlertItems.toItem(shard, alert))
                .conditionExpression("attribute_not_exists(pk)")).build();
        TransactWriteItem bump = transaction.bump(shard, ", #count :one", "#count < :max", Map.of(":max", Items.n(maxAlerts)));
        for (int tries = 0; ; tries++) {
            RevisionedTransaction.Outcome outcome = transaction.commit(put, bump, markPut(mark), deadline);
            if (outcome.committed()) return Created.CREATED;
            if (outcome.failed(MARK)) return Created.REPEATED;
            if (outcome.failed(0)) return Created.ID_TAKEN;
            if (outcome.old(1).containsKey(AlertCount.ATTRIBUTE)) return Created.CAP_REACHED;
            countMissing(outcome, tries);
        }
    }

    @Override
    public Changed delete(String id, Deadline deadline, RequestMark mark) {
        Shard shard = shardOf(id);
        TransactWriteItem delete = TransactWriteItem.builder().delete(d -> d.tableName(table)
                .key(Items.key(shard.alerts(), id))
                .conditionExpression("attribute_exists(pk)")).build();
        TransactWriteItem bump = transaction.bump(shard, ", #count :minus", "attribute_exists(#count)", Map.of(":minus", Items.n(-1L)));
        for (int tries = 0; ; tries++) {
            RevisionedTransaction.Outcome outcome = transaction.commit(delete, bump, markPut(mark), deadline);
            if (outcome.committed()) return Changed.CHANGED;
            if (outcome.failed(MARK)) return Changed.REPEATED;
            if (outcome.failed(0)) return Changed.NOT_FOUND;
            countMissing(outcome, tries);
        }
    }

    /** The mark as the transaction's third item, or none. */
    private TransactWriteItem markPut(RequestMark mark) {
        return mark == null ? null : RequestMarkItems.put(table, mark);
    }

    private void countMissing(RevisionedTransaction.Outcome outcome, int tries) {
        if (tries >= COUNT_INITIALIZATIONS) {
            throw new IllegalStateException("alert count still missing after initializing it: " + outcome.reasons());
        }
        AlertCount.initialize(client, table, shards, outcome.old(1));
    }

    /**
     * One UpdateItem of the editable attributes, so the symbol, the creation time and a re-arm request recorded
     * meanwhile stay; conditional on the revision the edit was made from (items from before revisions have none).
     */
    @Override
    public Edited edit(Alert edited, long fromRevision, Deadline deadline) {
        Map<String, String> names = new HashMap<>(Map.of("#ar", AlertItems.REVISION));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":from", Items.n(fromRevision)));
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        AlertItems.editable(edited).forEach((attribute, value) -> {
            String name = "#a" + names.size();
            names.put(name, attribute);
            if (value == null) {
                remove.add(name);
            } else {
                values.put(":v" + values.size(), value);
                set.add(name + " = :v" + (values.size() - 1));
            }
        });
        String update = "SET " + String.join(", ", set) + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        String revisionAsRead = fromRevision == 1 ? "(attribute_not_exists(#ar) OR #ar = :from)" : "#ar = :from";
        Shard shard = shardOf(edited.id());
        TransactWriteItem change = TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(Items.key(shard.alerts(), edited.id()))
                .updateExpression(update)
                .conditionExpression("attribute_exists(pk) AND " + revisionAsRead)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build();
        RevisionedTransaction.Outcome outcome = transaction.commit(change, transaction.bump(shard, "", null, Map.of()), deadline);
        if (outcome.committed()) return Edited.EDITED;
        return outcome.old(0).isEmpty() ? Edited.NOT_FOUND : Edited.STALE;
    }

    @Override
    public Changed requestRearm(String id, Instant at, Deadline deadline, RequestMark mark) {
        Shard shard = shardOf(id);
        TransactWriteItem change = TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(Items.key(shard.alerts(), id))
                .updateExpression("SET #r = :at")
                // Without the condition the update would create a bare item for an unknown id.
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#r", AlertItems.REARM_REQUESTED_AT))
                .expressionAttributeValues(Map.of(":at", Items.s(at.toString())))).build();
        RevisionedTransaction.Outcome outcome = transaction.commit(change, transaction.bump(shard, "", null, Map.of()),
                markPut(mark), deadline);
        if (outcome.committed()) return Changed.CHANGED;
        return outcome.failed(MARK) ? Changed.REPEATED : Changed.NOT_FOUND;
    }
}
