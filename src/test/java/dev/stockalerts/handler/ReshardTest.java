package dev.stockalerts.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stockalerts.check.ConfigStore;
import dev.stockalerts.dynamo.DynamoMetrics;
import dev.stockalerts.dynamo.Reshard;
import dev.stockalerts.dynamo.Shard;
import dev.stockalerts.testing.ApiEvents;
import dev.stockalerts.testing.CronHarness;
import dev.stockalerts.testing.LocalDynamo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Changing ALERT_SHARDS on a table that holds alerts: runs of the new count refuse the old layout until the re-shard
 * has moved definitions, states and what their firings still owe, and then check every alert once.
 */
class ReshardTest {
    private static final String ONCE_ABOVE_200 = "{\"symbol\":\"AAPL\",\"condition\":\"ABOVE\",\"level\":200}";

    private final CronHarness env = new CronHarness();
    private final DynamoDbClient client = LocalDynamo.client(new DynamoMetrics());
    private final List<String> log = new ArrayList<>();
    private final Reshard reshard = new Reshard(client, env.table, log::add);

    ReshardTest() {
        env.market.list("AAPL", 205);
    }

    @AfterEach
    void close() {
        client.close();
        env.close();
    }

    private List<String> created(int count) {
        CronHarness.ApiContainer api = env.api();
        return IntStream.range(0, count).mapToObj(i -> {
            APIGatewayProxyResponseEvent response = api.call("POST", "/alerts", ONCE_ABOVE_200);
            assertEquals(201, response.getStatusCode(), response.getBody());
            return ApiEvents.json(response.getBody()).get("id").asText();
        }).toList();
    }

    private CronHarness.Container shards(int count) {
        env.env("ALERT_SHARDS", Integer.toString(count));
        return env.container();
    }

    private Set<String> partition(String pk) {
        return client.query(b -> b.tableName(env.table).keyConditionExpression("pk = :pk").consistentRead(true)
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))).items().stream()
                .map(item -> item.get("sk").s()).collect(Collectors.toCollection(TreeSet::new));
    }

    private Set<String> revisions() {
        return client.getItem(b -> b.tableName(env.table).consistentRead(true)
                        .key(Map.of("pk", AttributeValue.fromS("CONFIG"), "sk", AttributeValue.fromS("global")))).item()
                .keySet().stream().filter(name -> name.startsWith("alertsRevision")).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Every shard's run once; the alerts each checked, in shard order. */
    private List<Integer> checkedByShard(CronHarness.Container container, int shards) {
        return IntStream.range(0, shards).mapToObj(k -> ((Number) container.run(k).get("alertsChecked")).intValue()).toList();
    }

    @Test
    void aTableReshardedFromOneToFourToThreeToOneKeepsEveryAlertItsStateAndWhatItsFiringsOwe() {
        List<String> ids = created(12);
        env.webhook.respondWith(500); // every firing stays owed in the run's delivery ledger
        assertEquals(12, env.container().run().get("alertsFired"));
        assertEquals(1, partition("STATE").stream().filter(sk -> sk.startsWith("~ledger#")).count());

        assertEquals(new Reshard.Moved(12, 12, 1), reshard.run(1, 4));
        assertEquals(Set.of(), partition("ALERT"));
        assertEquals(Set.of(), partition("STATE"));
        for (int k = 0; k < 4; k++) {
            int shard = k;
            Set<String> own = ids.stream().filter(id -> Shard.of(id, 4).index() == shard).collect(Collectors.toSet());
            assertEquals(own, partition("ALERT#" + k), "shard " + k);
            Set<String> states = new TreeSet<>(partition("STATE#" + k));
            assertEquals(own.isEmpty() ? 0 : 1, states.stream().filter(sk -> sk.startsWith("~ledger#")).count(),
                    "the ledger's part owing shard " + k + "'s firings");
            states.removeIf(sk -> sk.startsWith("~ledger#"));
            assertEquals(own, states, "shard " + k);
        }
        assertEquals(Set.of("alertsRevision#0", "alertsRevision#1", "alertsRevision#2", "alertsRevision#3"), revisions());
        assertEquals(new Reshard.Moved(0, 0, 0), reshard.run(1, 4), "run again, it finds nothing left to move");

        env.env("ALERT_SHARDS", "4");
        for (String id : ids) {
            JsonNode state = ApiEvents.json(env.api().call("GET", "/alerts/" + id, null).getBody()).get("state");
            assertEquals("[\"webhook\"]", state.get("pendingChannels").toString(), id);
        }
        env.webhook.respondWith(204);
        env.clock.advance(Duration.ofHours(1)); // past the failed deliveries' retry time
        CronHarness.Container four = shards(4);
        assertEquals(ids.size(), checkedByShard(four, 4).stream().mapToInt(Integer::intValue).sum());
        assertEquals(12, env.webhook.bodies().size(), "each shard retried what its alerts' firings owed");
        ids.forEach(id -> assertTrue(env.webhook.bodies().stream().anyMatch(b -> b.contains(id)), id));

        reshard.run(4, 3);
        assertEquals(12, checkedByShard(shards(3), 3).stream().mapToInt(Integer::intValue).sum());
        reshard.run(3, 1);
        assertEquals(Set.copyOf(ids), partition("ALERT"));
        assertEquals(Set.copyOf(ids), partition("STATE"), "states only: every ledger was settled");
        assertEquals(Set.of("alertsRevision"), revisions());
        assertEquals(List.of(12), checkedByShard(shards(1), 1));
        assertEquals(12, env.webhook.bodies().size(), "nothing sent twice");
    }

    @Test
    void runsOfAnotherShardCountRefuseTheTableUntilItIsReshardedEvenWithAConfigCachedBefore() {
        created(3);
        CronHarness.Container unsharded = env.container();
        assertEquals(3, unsharded.run().get("alertsChecked"));

        CronHarness.Container four = shards(4);
        ConfigStore.WrongLayout refused = assertThrows(ConfigStore.WrongLayout.class, () -> four.run(0));
        assertTrue(refused.getMessage().contains("(the config item has alertsRevision) than ALERT_SHARDS 4"), refused.getMessage());
        assertTrue(refused.getMessage().contains("re-shard the table"), refused.getMessage());

        reshard.run(1, 4);
        env.clock.advance(Duration.ofMinutes(5)); // past the unsharded container's cached config
        assertThrows(ConfigStore.WrongLayout.class, unsharded::run, "not on the config it cached before");
        assertEquals(3, checkedByShard(four, 4).stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void aShardThatFindsAnotherShardsAlertInItsPartitionRefusesToRun() {
        env.env("ALERT_SHARDS", "4");
        List<String> ids = created(12);
        // Eight shards on the four-shard layout without a re-shard: the revisions #0-#3 fit both counts.
        String misplaced = ids.stream().filter(id -> Shard.of(id, 8).index() >= 4).findFirst().orElseThrow();
        int stored = Shard.of(misplaced, 4).index();
        CronHarness.Container eight = shards(8);
        ConfigStore.WrongLayout refused = assertThrows(ConfigStore.WrongLayout.class, () -> eight.run(stored));
        assertTrue(refused.getMessage().contains("is stored in ALERT#" + stored + " but belongs to shard "), refused.getMessage());
    }
}
