package dev.stockalerts.local;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.dynamo.Shard;

import java.util.List;
import java.util.Locale;

/** simulate's table of each shard's steady-state hour, for docs/scaling.md. */
final class ShardFigures {
    private ShardFigures() {}

    /** @param runMillis every shard's runs in the steady hours, as this machine ran them one after another */
    static void print(List<Alert> alerts, List<HourlyUsage> perShard, HourlyUsage.Steady total, List<Long> runMillis) {
        int shards = perShard.size();
        int[] alertsIn = new int[shards];
        alerts.forEach(a -> alertsIn[Shard.of(a.id(), shards).index()]++);
        System.out.println();
        System.out.printf(Locale.ROOT, "Per shard, hours %d-%d:%n", total.from(), total.to());
        System.out.println("shard | alerts | DynamoDB calls/h (max) | read CU/h | write CU/h | CU/h (max) | provider requests/run");
        for (int shard = 0; shard < shards; shard++) {
            HourlyUsage.Steady s = perShard.get(shard).steadyState();
            System.out.printf(Locale.ROOT, "%5d | %,6d | %15.1f (%,d) | %9.1f | %10.1f | %,.1f (%,.1f) | %.1f%n", shard, alertsIn[shard],
                    s.calls(), s.maxCalls(), s.readUnits(), s.writeUnits(), s.capacityUnits(), s.maxUnits(), s.providerRequests() / 12);
        }
        System.out.printf(Locale.ROOT, "total | %,6d | %15.1f (%,d) | %9.1f | %10.1f | %,.1f (%,.1f) | %.1f%n", alerts.size(),
                total.calls(), total.maxCalls(), total.readUnits(), total.writeUnits(), total.capacityUnits(), total.maxUnits(),
                total.providerRequests() / 12);
        List<Long> sorted = runMillis.stream().sorted().toList();
        if (!sorted.isEmpty()) {
            System.out.printf(Locale.ROOT, "shard runs (%d): p50 %d ms, p95 %d ms, max %d ms on this machine, the feed answering at once%n",
                    sorted.size(), sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1),
                    sorted.get(sorted.size() - 1));
        }
    }
}
