package dev.stockalerts.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.Condition;
import dev.stockalerts.alert.RearmPolicy;
import dev.stockalerts.dynamo.DynamoMetrics;
import dev.stockalerts.dynamo.Shard;
import dev.stockalerts.testing.ApiEvents;
import dev.stockalerts.testing.CronHarness;
import dev.stockalerts.testing.LocalDynamo;
import dev.stockalerts.testing.PartitionWatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ALERT_SHARDS 4 as deployed with AlertShards 4: the API and a container per shard's schedule on one table, clock and
 * loopback Yahoo/webhook. Each alert lives in its shard's partitions and is checked by that shard's runs only.
 */
class ShardedRunsTest {
    private static final int SHARDS = 4;
    private static final Duration RUN = Duration.ofMinutes(5);
    private static final String ONCE_ABOVE_200 = "{\"symbol\":\"AAPL\",\"condition\":\"ABOVE\",\"level\":200}";

    private final CronHarness env = new CronHarness().env("ALERT_SHARDS", Integer.toString(SHARDS));
    private final CronHarness.ApiContainer api = env.api();
    private final DynamoDbClient client = LocalDynamo.client(new DynamoMetrics());

    ShardedRunsTest() {
        env.market.list("AAPL", 190);
    }

    @AfterEach
    void close() {
        client.close();
        env.close();
    }

    private String create(String body) {
        APIGatewayProxyResponseEvent response = api.call("POST", "/alerts", body);
        assertEquals(201, response.getStatusCode(), response.getBody());
        return ApiEvents.json(response.getBody()).get("id").asText();
    }

    private static int shardOf(String id) {
        return Shard.of(id, SHARDS).index();
    }

    /** Alerts made through the API (their ids are random) until every shard holds at least one: ids by shard. */
    private Map<Integer, List<String>> oneOrMoreInEveryShard() {
        Map<Integer, List<String>> byShard = new TreeMap<>();
        for (int made = 0; byShard.size() < SHARDS; made++) {
            assertTrue(made < 200, "four shards still not all hit: " + byShard);
            String id = create(ONCE_ABOVE_200);
            byShard.computeIfAbsent(shardOf(id), s -> new ArrayList<>()).add(id);
        }
        return byShard;
    }

    private boolean stored(String pk, String sk) {
        return stored(env.table, pk, sk);
    }

    private boolean stored(String table, String pk, String sk) {
        return client.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk))))
                .hasItem();
    }

    private Map<String, AttributeValue> config() {
        return client.getItem(b -> b.tableName(env.table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("CONFIG"), "sk", AttributeValue.fromS("global")))).item();
    }

    private long revision(int shard) {
        AttributeValue value = config().get("alertsRevision#" + shard);
        return value == null ? 0 : Long.parseLong(value.n());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> operations(Map<String, Object> report) {
        return (Map<String, Object>) report.get("dynamoCallsByOperation");
    }

    private static int number(Map<String, Object> report, String field) {
        return ((Number) report.get(field)).intValue();
    }

    @Test
    void withOneShardTheKeysAndTheConfigItemAreTheUnshardedOnes() {
        try (CronHarness one = new CronHarness()) {
            one.market.list("AAPL", 205);
            APIGatewayProxyResponseEvent created = one.api().call("POST", "/alerts", ONCE_ABOVE_200);
            String id = ApiEvents.json(created.getBody()).get("id").asText();
            Map<String, Object> report = one.container().run();
            assertEquals(1, report.get("alertsFired"));
            assertFalse(report.containsKey("shard"), "the report is as before shards");
            assertTrue(stored(one.table, "ALERT", id));
            assertTrue(stored(one.table, "STATE", id));
            Map<String, AttributeValue> config = client.getItem(b -> b.tableName(one.table).consistentRead(true)
                    .key(Map.of("pk", AttributeValue.fromS("CONFIG"), "sk", AttributeValue.fromS("global")))).item();
            assertEquals("1", config.get("alertsRevision").n());
            assertEquals(Set.of(), config.keySet().stream().filter(name -> name.contains("#")).collect(Collectors.toSet()));
        }
    }

    @Test
    void anAlertCreatedThroughTheApiLivesInItsShardAndOnlyThatShardsRunFiresIt() {
        List<CronHarness.Container> shards = IntStream.range(0, SHARDS).mapToObj(k -> env.container()).toList();
        for (int k = 0; k < SHARDS; k++) shards.get(k).run(k); // cold starts, nothing stored yet
        String id = create(ONCE_ABOVE_200);
        int home = shardOf(id);
        assertTrue(stored("ALERT#" + home, id));
        assertFalse(stored("ALERT", id), "not in the unsharded partition");
        assertEquals(1, revision(home));
        assertFalse(config().containsKey("alertsRevision"), "no unsharded revision among shards: " + config());
        assertEquals("1", config().get("alertCount").n(), "the count spans the shards");

        env.market.set("AAPL", 205);
        env.clock.advance(RUN);
        for (int k = 0; k < SHARDS; k++) {
            Map<String, Object> report = shards.get(k).run(k);
            assertEquals(k, report.get("shard"));
            assertEquals(k == home ? 1 : 0, number(report, "alertsChecked"), "shard " + k);
            assertEquals(k == home ? 1 : 0, number(report, "alertsFired"), "shard " + k);
        }
        assertEquals(1, env.webhook.bodies().size());
        assertTrue(stored("STATE#" + home, id), "claimed in its shard's states partition");
        for (int k = 0; k < SHARDS; k++) assertEquals(k == home, stored("STATE#" + k, id), "shard " + k);

        JsonNode shown = ApiEvents.json(api.call("GET", "/alerts/" + id, null).getBody());
        assertEquals(1, shown.get("state").get("fireCount").asInt(), "the API finds the state through the id's shard");
    }

    @Test
    void aChangeBumpsOnlyItsShardsRevisionAndOnlyThatShardReadsDefinitionsAgain() {
        Map<Integer, List<String>> ids = oneOrMoreInEveryShard();
        List<CronHarness.Container> shards = IntStream.range(0, SHARDS).mapToObj(k -> env.container()).toList();
        for (int k = 0; k < SHARDS; k++) shards.get(k).run(k);
        env.clock.advance(RUN);
        for (int k = 0; k < SHARDS; k++) assertEquals(Map.of("GetItem", 1L), operations(shards.get(k).run(k)), "quiet shard " + k);

        String edited = ids.get(2).get(0);
        long[] before = IntStream.range(0, SHARDS).mapToLong(this::revision).toArray();
        APIGatewayProxyResponseEvent patch = api.call("PATCH", "/alerts/" + edited, "{\"level\":210}");
        assertEquals(200, patch.getStatusCode(), patch.getBody());
        for (int k = 0; k < SHARDS; k++) assertEquals(before[k] + (k == 2 ? 1 : 0), revision(k), "revision of shard " + k);

        env.clock.advance(RUN);
        for (int k = 0; k < SHARDS; k++) {
            Map<String, Object> report = shards.get(k).run(k);
            assertEquals(k == 2 ? 1L : null, operations(report).get("Query"), "shard " + k + ": " + operations(report));
            assertEquals(ids.get(k).size(), number(report, "alertsChecked"), "shard " + k);
        }
        assertEquals(210.0, shards.get(2).cron().shard(2).cache().alerts().stream()
                .filter(a -> a.id().equals(edited)).findFirst().orElseThrow().level());
    }

    @Test
    void eachShardsRunReadsAndWritesOnlyItsOwnPartitionsAndTheConfigItem() {
        oneOrMoreInEveryShard();
        env.market.set("AAPL", 205); // every alert fires: claims and ledgers in every shard
        List<PartitionWatcher> watchers = IntStream.range(0, SHARDS).mapToObj(k -> new PartitionWatcher()).toList();
        List<CronHarness.Container> shards = IntStream.range(0, SHARDS).mapToObj(k -> env.container(watchers.get(k))).toList();
        for (int k = 0; k < SHARDS; k++) assertTrue(number(shards.get(k).run(k), "alertsFired") > 0, "shard " + k);
        env.market.set("AAPL", 190);
        env.clock.advance(Duration.ofHours(1)); // the hourly reload and flush
        for (int k = 0; k < SHARDS; k++) shards.get(k).run(k);

        for (int k = 0; k < SHARDS; k++) {
            Map<String, Set<String>> touched = watchers.get(k).partitions();
            Set<String> own = Set.of("ALERT#" + k, "STATE#" + k);
            assertEquals(own, touched.get("Query"), "shard " + k + ": " + touched);
            Set<String> others = new TreeSet<>(watchers.get(k).all());
            others.removeIf(pk -> own.contains(pk) || pk.equals("CONFIG") || pk.startsWith("HISTORY#"));
            assertEquals(Set.of(), others, "shard " + k + " touched another shard's partitions: " + touched);
        }
    }

    @Test
    void oneContainerRunsWhicheverShardEachEventNamesWithThatShardsOwnCache() {
        Map<Integer, List<String>> ids = oneOrMoreInEveryShard();
        CronHarness.Container container = env.container();
        for (int k = SHARDS - 1; k >= 0; k--) {
            Map<String, Object> report = container.run(k);
            assertEquals(ids.get(k).size(), number(report, "alertsChecked"), "shard " + k);
        }
        env.clock.advance(RUN);
        assertEquals(ids.get(0).size(), number(container.run(), "alertsChecked"), "the plain schedule event is shard 0");
        for (int k = 0; k < SHARDS; k++) {
            assertEquals(Set.copyOf(ids.get(k)), container.cron().shard(k).cache().alerts().stream().map(Alert::id)
                    .collect(Collectors.toSet()), "shard " + k + "'s cache");
        }
    }

    @Test
    void theListWalksTheShardsOnePageAfterAnotherWithEveryAlertOnce() {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 9; i++) all.add(create(ONCE_ABOVE_200));
        List<String> seen = new ArrayList<>();
        Map<String, String> query = new TreeMap<>(Map.of("limit", "2"));
        while (true) {
            APIGatewayProxyResponseEvent response = api.call(ApiEvents.request("GET", "/alerts", null).withQueryStringParameters(query));
            assertEquals(200, response.getStatusCode(), response.getBody());
            JsonNode page = ApiEvents.json(response.getBody());
            assertTrue(page.get("alerts").size() <= 2);
            page.get("alerts").forEach(a -> seen.add(a.get("id").asText()));
            if (!page.has("next")) break;
            query.put("next", page.get("next").asText());
        }
        all.sort(Comparator.comparing(ShardedRunsTest::shardOf).thenComparing(Comparator.naturalOrder()));
        assertEquals(all, seen, "each shard oldest first, shard after shard");
    }

    @Test
    void aPageTokenIssuedUnderAnotherShardCountIsRefused() {
        env.env("ALERT_SHARDS", "1");
        for (String id : List.of("a-1", "a-2")) {
            env.putAlert(new Alert(id, "AAPL", Condition.ABOVE, 200, RearmPolicy.once(), List.of("webhook"), CronHarness.T0));
        }
        CronHarness.ApiContainer unsharded = env.api();
        JsonNode first = ApiEvents.json(unsharded.call(ApiEvents.request("GET", "/alerts", null)
                .withQueryStringParameters(Map.of("limit", "1"))).getBody());
        String token = first.get("next").asText();

        APIGatewayProxyResponseEvent refused = api.call(ApiEvents.request("GET", "/alerts", null)
                .withQueryStringParameters(Map.of("limit", "1", "next", token)));
        assertEquals(400, refused.getStatusCode(), refused.getBody());
        assertTrue(refused.getBody().contains("is not a token this list issued"), refused.getBody());
    }
}
