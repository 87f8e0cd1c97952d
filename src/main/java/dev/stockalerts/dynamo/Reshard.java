package dev.stockalerts.dynamo;

import dev.stockalerts.delivery.DeliveryLedger;
import dev.stockalerts.delivery.OwedFiring;
import dev.stockalerts.time.Deadline;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Lays a table's alerts out for another shard count: every definition and state to its new shard's partition, every
 * delivery ledger split by the new shards of the alerts it owes for, then the alerts revisions of the config item
 * replaced by the new shards' (which is what the scheduled runs check the layout by). Trigger history, the count and
 * the rest of the config item stay as they are.
 *
 * <p>For an operator, with the scheduled function's schedules disabled and the API idle (docs/scaling.md): nothing
 * else may write meanwhile. Each page is written to its new partitions before it is deleted from its old one, so a
 * run that stops half-way loses nothing, and running it again finishes the move.
 */
public final class Reshard {
    /** Items moved (or, for ledgers, split) to another partition. */
    public record Moved(int definitions, int states, int ledgers) {}

    private final DynamoDbClient client;
    private final String table;
    private final BatchWriter batches;
    private final Consumer<String> log;

    public Reshard(DynamoDbClient client, String table, Consumer<String> log) {
        this.client = client;
        this.table = table;
        this.batches = new BatchWriter(client, table, Backoff.standard(), log);
        this.log = log;
    }

    public Moved run(int from, int to) {
        List<Shard> olds = Shard.all(from);
        Shard.all(to); // both counts valid before anything moves
        int definitions = 0;
        int states = 0;
        int ledgers = 0;
        for (Shard old : olds) {
            definitions += movePartition(old.alerts(), to, true);
            int[] moved = moveStates(old.states(), to);
            states += moved[0];
            ledgers += moved[1];
        }
        replaceRevisions(from, to);
        log.accept("[Reshard] " + from + " → " + to + " shards: moved " + definitions + " definitions, " + states
                + " states, " + ledgers + " delivery ledgers");
        return new Moved(definitions, states, ledgers);
    }

    private int movePartition(String partition, int to, boolean definitions) {
        int moved = 0;
        for (List<Map<String, AttributeValue>> page : pages(partition)) {
            List<WriteRequest> puts = new ArrayList<>();
            List<WriteRequest> deletes = new ArrayList<>();
            for (Map<String, AttributeValue> item : page) {
                if (!definitions && LedgerItems.isLedger(item)) continue; // split by moveStates
                String id = Items.string(item, Items.SK);
                Shard target = Shard.of(id, to);
                String pk = definitions ? target.alerts() : target.states();
                if (pk.equals(partition)) continue;
                Map<String, AttributeValue> copy = new HashMap<>(item);
                copy.put(Items.PK, Items.s(pk));
                puts.add(put(copy));
                deletes.add(delete(item));
                moved++;
            }
            write(puts);
            write(deletes);
        }
        return moved;
    }

    /** States move like definitions; a ledger goes to every new shard it owes firings of, with those firings only. */
    private int[] moveStates(String partition, int to) {
        int states = movePartition(partition, to, false);
        int ledgers = 0;
        for (List<Map<String, AttributeValue>> page : pages(partition)) {
            List<WriteRequest> puts = new ArrayList<>();
            List<WriteRequest> deletes = new ArrayList<>();
            for (Map<String, AttributeValue> item : page) {
                if (!LedgerItems.isLedger(item)) continue;
                DeliveryLedger ledger = LedgerItems.fromItem(item);
                Instant expiresAt = Instant.ofEpochSecond(Items.integer(item, Items.EXPIRES_AT, 0));
                Map<Shard, List<OwedFiring>> byShard = new LinkedHashMap<>();
                ledger.owed().forEach(o -> byShard.computeIfAbsent(Shard.of(o.alertId(), to), s -> new ArrayList<>()).add(o));
                if (byShard.size() == 1 && byShard.keySet().iterator().next().states().equals(partition)) continue;
                byShard.forEach((shard, owed) -> puts.add(put(LedgerItems.toItem(shard, ledger.withOwed(owed), expiresAt))));
                boolean stays = byShard.keySet().stream().anyMatch(s -> s.states().equals(partition));
                if (!stays) deletes.add(delete(item));
                ledgers++;
            }
            write(puts);
            write(deletes);
        }
        return new int[] {states, ledgers};
    }

    /** New shards' revisions one past every old one, so any container that still holds definitions reads them again. */
    private void replaceRevisions(int from, int to) {
        Map<String, AttributeValue> config = Items.get(client, table, DynamoConfigStore.KEY, true)
                .orElse(Map.of());
        long next = 1 + config.keySet().stream().filter(name -> name.startsWith(Shard.REVISION))
                .mapToLong(name -> Items.integer(config, name, 0)).max().orElse(0);
        Map<String, String> names = new HashMap<>();
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        for (Shard shard : Shard.all(to)) {
            names.put("#n" + names.size(), shard.revision());
            set.add("#n" + (names.size() - 1) + " = :next");
        }
        List<String> kept = Shard.all(to).stream().map(Shard::revision).toList();
        config.keySet().stream().filter(name -> name.startsWith(Shard.REVISION) && !kept.contains(name)).forEach(name -> {
            names.put("#n" + names.size(), name);
            remove.add("#n" + (names.size() - 1));
        });
        String update = "SET " + String.join(", ", set) + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        client.updateItem(b -> b.tableName(table).key(DynamoConfigStore.KEY)
                .updateExpression(update).expressionAttributeNames(names)
                .expressionAttributeValues(Map.of(":next", Items.n(next)))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    }

    /** A partition's items a page at a time, strongly consistent: each page is moved before the next is read. */
    private Iterable<List<Map<String, AttributeValue>>> pages(String partition) {
        return () -> client.queryPaginator(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", Items.s(partition))).consistentRead(true)
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .stream().map(QueryResponse::items).iterator();
    }

    private void write(List<WriteRequest> requests) {
        List<WriteRequest> unwritten = batches.write(requests, Deadline.none());
        if (!unwritten.isEmpty()) {
            throw new IllegalStateException(unwritten.size() + " writes did not get in; run the re-shard again to finish it");
        }
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(p -> p.item(item)).build();
    }

    private static WriteRequest delete(Map<String, AttributeValue> item) {
        return WriteRequest.builder().deleteRequest(d -> d.key(Items.keyOf(item))).build();
    }
}
