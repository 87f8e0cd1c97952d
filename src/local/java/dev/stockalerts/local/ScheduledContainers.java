package dev.stockalerts.local;

import dev.stockalerts.check.StoreUsage;
import dev.stockalerts.config.Settings;
import dev.stockalerts.dynamo.DynamoClients;
import dev.stockalerts.dynamo.DynamoMetrics;
import dev.stockalerts.handler.AlertsCronFunction;
import dev.stockalerts.handler.ScheduledShard;
import dev.stockalerts.providers.ProviderTraffic;
import dev.stockalerts.time.DeadlineContext;
import dev.stockalerts.wiring.App;
import dev.stockalerts.wiring.CronContainer;
import dev.stockalerts.wiring.Outbound;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The scheduled function's Lambda containers in a simulation, one per shard, each with its own DynamoDB client and
 * metrics, quote providers and caches. Sticky (the default), each shard's event goes to its own container, as when
 * every shard keeps its warm container; {@link #shuffle shuffled}, each tick hands the shards' events to the containers
 * in a random order, as Lambda may, since it promises no affinity. One shard is the unsharded function as it was.
 */
final class ScheduledContainers implements AutoCloseable {
    /** One shard's run: what its container's client counted, what it fired and asked quote providers for. */
    record Run(int shard, StoreUsage usage, int fired, long providerRequests, long millis) {}

    private record Container(DynamoMetrics metrics, DynamoDbClient ownClient, ProviderTraffic traffic, AlertsCronFunction handler) {
        long providerRequests() {
            return traffic.requestsByProvider().values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final List<Container> containers = new ArrayList<>();
    private Random shuffled;

    /** @param first the outbound side of the first container (the one the scenario priced the market with) */
    ScheduledContainers(LocalDatabase db, Settings settings, Outbound first, Clock clock, Consumer<String> log) {
        int shards = settings.alertShards();
        for (int i = 0; i < shards; i++) {
            boolean shared = shards == 1; // unsharded: the database's own client and metrics, as before shards
            DynamoMetrics metrics = shared ? db.metrics() : new DynamoMetrics();
            DeadlineContext deadlines = new DeadlineContext();
            DynamoDbClient client = shared ? db.client() : DynamoClients.forLocalEndpoint(db.endpoint(), metrics, deadlines);
            Outbound outbound = i == 0 ? first : Outbound.fromSettings(settings, clock, deadlines, null, log);
            CronContainer cron = new App(settings, client, metrics, deadlines, clock, log, outbound).cron();
            containers.add(new Container(metrics, shared ? null : client, outbound.traffic(), new AlertsCronFunction(cron, line -> {})));
        }
    }

    int shards() {
        return containers.size();
    }

    /** From now on, each tick hands the shards to the containers in an order drawn from {@code seed}. */
    void shuffle(long seed) {
        shuffled = new Random(seed);
    }

    /** Every shard's run of one tick, in shard order (run one after another here; in AWS at the same time). */
    List<Run> tick() {
        List<Integer> placement = new ArrayList<>(IntStream.range(0, containers.size()).boxed().toList());
        if (shuffled != null) Collections.shuffle(placement, shuffled);
        List<Run> runs = new ArrayList<>();
        for (int shard = 0; shard < containers.size(); shard++) {
            Container container = containers.get(placement.get(shard));
            StoreUsage before = container.metrics().snapshot();
            long requestsBefore = container.providerRequests();
            long started = System.nanoTime();
            Map<String, Object> report = container.handler().check(ScheduledShard.event(shard), null);
            runs.add(new Run(shard, container.metrics().snapshot().minus(before), ((Number) report.get("alertsFired")).intValue(),
                    container.providerRequests() - requestsBefore, (System.nanoTime() - started) / 1_000_000));
        }
        return runs;
    }

    @Override
    public void close() {
        for (Container container : containers) {
            if (container.ownClient() != null) container.ownClient().close();
        }
    }
}
