package dev.stockalerts.local;

import dev.stockalerts.alert.AlertState;
import dev.stockalerts.check.StoreUsage;
import dev.stockalerts.dynamo.Backoff;
import dev.stockalerts.dynamo.DynamoStateStore;
import dev.stockalerts.time.Deadline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code mvn -q -DskipTests package exec:java -Dexec.args="benchmark"}: DynamoDB calls and capacity
 * per hour for the naive, original and our design at 100, 1,000 and 10,000 alerts (on 20, 200 and
 * 2,000 symbols) over 24 simulated hours, monthly cost; provider requests and warm run time with the
 * feed answering after 100 ms; cache heap, cold start and jar size. Prints markdown and writes it to
 * target/benchmarks.md.
 */
final class Benchmark {
    /** Alerts, and the distinct symbols they spread over. */
    private record Scale(int alerts, int symbols) {}

    private static final List<Scale> SCALES = List.of(new Scale(100, 20), new Scale(1_000, 200), new Scale(10_000, 2_000));
    private static final int HOURS = 24;
    /** A distant provider's round trip, for the runs that measure quote fetching. */
    private static final Duration FEED_LATENCY = Duration.ofMillis(100);
    /** Enough runs for a p95 (35 warm ones), each holding the hourly reload once an hour as in a day. */
    private static final int LATENCY_HOURS = 3;
    private static final double HOURS_PER_MONTH = 730;
    private static final double USD_PER_MILLION_WRITE_UNITS = 0.625;
    private static final double USD_PER_MILLION_READ_UNITS = 0.125;

    private final StringBuilder out = new StringBuilder();

    static void run() {
        new Benchmark().runAll();
    }

    private void runAll() {
        List<String> dynamoRows = new ArrayList<>();
        List<String> runRows = new ArrayList<>();
        String coldStartTable = "";
        try (LocalDatabase db = new LocalDatabase()) {
            for (Scale scale : SCALES) {
                int alerts = scale.alerts();
                System.out.printf(Locale.ROOT, "[Benchmark] %,d alerts on %,d symbols...%n", alerts, scale.symbols());
                List<AlertState> states = BaselineDesigns.states(alerts);
                DynamoStateStore naiveStore = store(db, "bench-naive-" + alerts);
                naiveStore.writeBatch(states, List.of(), Deadline.none());
                dynamoRows.add(row(alerts, "naive (read + write every state every run)", BaselineDesigns.naiveHour(naiveStore, states, db)));
                DynamoStateStore originalStore = store(db, "bench-original-" + alerts);
                originalStore.writeBatch(states, List.of(), Deadline.none());
                dynamoRows.add(row(alerts, "original (hourly bulk load + flush of every state)", BaselineDesigns.originalHour(originalStore, states, db)));
                Ours ours = ours(db, scale);
                HourlyUsage.Steady steady = ours.steady;
                dynamoRows.add(row(alerts, "**ours** (steady state, hours 2-23; max hour in brackets)",
                        new StoreUsage(Math.round(steady.calls()), steady.readUnits(), steady.writeUnits(), Map.of()),
                        steady.maxCalls(), steady.maxUnits()));
                Latency slow = withFeedLatency(db, scale);
                runRows.add(String.format(Locale.ROOT, "| %,d | %,d | %.1f (%d) | %d | %d | %d | %.1f | %,d |",
                        alerts, scale.symbols(), slow.requestsPerRun, slow.maxRequestsPerRun,
                        percentile(slow.warmMillis, 50), percentile(slow.warmMillis, 95),
                        Collections.max(slow.warmMillis), ours.heapMb, ours.firedPerDay));
                if (scale == SCALES.get(0)) coldStartTable = ColdStarts.table(db, ours.table);
            }
        }
        line("## DynamoDB per hour, 5-minute cadence, 24 simulated hours on DynamoDB Local");
        line("");
        line("| alerts | design | calls / h | read CU / h | write CU / h | total CU / h | on-demand $ / month |");
        line("|---|---|---|---|---|---|---|");
        dynamoRows.forEach(this::line);
        line("");
        line("## Our scheduled function: warm runs, the Yahoo feed answering after " + FEED_LATENCY.toMillis() + " ms");
        line("");
        line("| alerts | symbols | provider requests / run (max) | warm run p50 ms | p95 ms | max ms | cache heap ≈ MB | alerts fired / day |");
        line("|---|---|---|---|---|---|---|---|");
        runRows.forEach(this::line);
        line("");
        line(coldStartTable);
        System.out.println();
        System.out.print(out);
        try {
            Files.writeString(Path.of("target", "benchmarks.md"), out.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Ours(String table, HourlyUsage.Steady steady, double heapMb, int firedPerDay) {}

    private Ours ours(LocalDatabase db, Scale scale) {
        String table = db.table("bench-ours-" + scale.alerts());
        CronScenario.Options options = new CronScenario.Options(scale.alerts(), scale.symbols(), CronScenario.START, Duration.ZERO, Map.of());
        try (CronScenario scenario = new CronScenario(db, table, options, line -> {}, body -> {})) {
            long heapSeeded = usedHeapAfterGc();
            HourlyUsage usage = new HourlyUsage(line -> {});
            int fired = 0;
            double heapMb = 0;
            for (int hour = 0; hour < HOURS; hour++) {
                CronScenario.Hour result = scenario.runHour();
                usage.add(result.usage(), result.fired(), result.providerRequests());
                fired += result.fired();
                if (hour == 0) heapMb = (usedHeapAfterGc() - heapSeeded) / 1e6;
            }
            return new Ours(table, usage.steadyState(), heapMb, fired);
        }
    }

    private record Latency(List<Long> warmMillis, double requestsPerRun, long maxRequestsPerRun) {}

    /** The same scale, quotes answering after {@link #FEED_LATENCY}: what fetching them costs a run. */
    private Latency withFeedLatency(LocalDatabase db, Scale scale) {
        String table = db.table("bench-latency-" + scale.alerts());
        CronScenario.Options options = new CronScenario.Options(scale.alerts(), scale.symbols(), CronScenario.START, FEED_LATENCY, Map.of());
        try (CronScenario scenario = new CronScenario(db, table, options, line -> {}, body -> {})) {
            List<Long> warm = new ArrayList<>();
            List<Long> requests = new ArrayList<>();
            for (int hour = 0; hour < LATENCY_HOURS; hour++) {
                CronScenario.Hour result = scenario.runHour();
                // The container's first run is its cold one; every later run is warm.
                warm.addAll(hour == 0 ? result.runMillis().subList(1, result.runMillis().size()) : result.runMillis());
                requests.addAll(result.runRequests());
            }
            return new Latency(warm, requests.stream().mapToLong(Long::longValue).average().orElse(0),
                    Collections.max(requests));
        }
    }

    private String row(int alerts, String design, StoreUsage hour) {
        return row(alerts, design, hour, -1, -1);
    }

    private String row(int alerts, String design, StoreUsage hour, long maxCalls, double maxUnits) {
        double dollars = HOURS_PER_MONTH * (hour.readUnits() * USD_PER_MILLION_READ_UNITS
                + hour.writeUnits() * USD_PER_MILLION_WRITE_UNITS) / 1e6;
        String calls = String.format(Locale.ROOT, "%,d", hour.calls()) + (maxCalls >= 0 ? String.format(Locale.ROOT, " (%,d)", maxCalls) : "");
        String total = String.format(Locale.ROOT, "%,.1f", hour.capacityUnits()) + (maxUnits >= 0 ? String.format(Locale.ROOT, " (%,.1f)", maxUnits) : "");
        return String.format(Locale.ROOT, "| %,d | %s | %s | %,.1f | %,.1f | %s | $%.4f |",
                alerts, design, calls, hour.readUnits(), hour.writeUnits(), total, dollars);
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static DynamoStateStore store(LocalDatabase db, String table) {
        return new DynamoStateStore(db.client(), db.table(table), Backoff.standard(), line -> {});
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
