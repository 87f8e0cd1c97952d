package dev.stockalerts.dynamo;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.Condition;
import dev.stockalerts.alert.RearmPolicy;
import dev.stockalerts.manage.AlertAdmin;
import dev.stockalerts.testing.LocalDynamo;
import dev.stockalerts.time.Deadline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Definitions over four shards on DynamoDB Local: each in its shard's partition, counted together. */
class ShardedAlertRepositoryTest {
    private static final int SHARDS = 4;

    private final DynamoDbClient client = LocalDynamo.client(new DynamoMetrics());
    private final String table = LocalDynamo.newTable();
    private final DynamoAlertRepository alerts = new DynamoAlertRepository(client, table, SHARDS);

    @AfterEach
    void close() {
        client.close();
    }

    private static Alert alert(String id) {
        return new Alert(id, "AAPL", Condition.ABOVE, 200, RearmPolicy.once(), List.of("webhook"), Instant.parse("2026-11-23T14:00:00Z"));
    }

    private long count() {
        return Items.integer(Items.get(client, table, DynamoConfigStore.KEY, true)
                .orElseThrow(), AlertCount.ATTRIBUTE, -1);
    }

    @Test
    void eachShardReadsItsOwnDefinitionsAndTheApiFindsEveryAlertById() {
        List<String> ids = IntStream.range(0, 12).mapToObj(i -> "a-" + i).toList();
        ids.forEach(id -> assertEquals(AlertAdmin.Created.CREATED, alerts.create(alert(id), 100, Deadline.none())));
        for (Shard shard : Shard.all(SHARDS)) {
            Set<String> own = alerts.of(shard).loadAll().stream().map(Alert::id).collect(Collectors.toSet());
            assertEquals(ids.stream().filter(id -> Shard.of(id, SHARDS).equals(shard)).collect(Collectors.toSet()), own, shard.toString());
            own.forEach(id -> assertTrue(Items.get(client, table, Items.key(shard.alerts(), id), true).isPresent()));
        }
        ids.forEach(id -> assertEquals(Optional.of(alert(id)), alerts.get(id)));
        assertEquals(Set.copyOf(ids), alerts.loadAll().stream().map(Alert::id).collect(Collectors.toSet()));
        assertEquals(12, count());
    }

    @Test
    void aTableWithoutACountIsCountedOverEveryShardBeforeTheFirstCreate() {
        IntStream.range(0, 9).forEach(i -> alerts.put(alert("seeded-" + i))); // seeding writes no count
        assertEquals(AlertAdmin.Created.CREATED, alerts.create(alert("new"), 100, Deadline.none()));
        assertEquals(10, count());
        assertEquals(AlertAdmin.Created.CAP_REACHED, alerts.create(alert("one-too-many"), 10, Deadline.none()));
        assertTrue(alerts.delete("seeded-3", Deadline.none()));
        assertEquals(9, count());
    }
}
