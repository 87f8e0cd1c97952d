package dev.stockalerts.local;

import dev.stockalerts.dynamo.DynamoAlertRepository;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code mvn -q -DskipTests package exec:java -Dexec.args="priming [--runs N]"}: what SnapStart priming saves
 * on the API's first requests. Each run is a fresh JVM on the deployment jar (C1 only, as in Lambda), with
 * and without the priming hook run before the first request, alternating; prints medians and min-max.
 */
final class PrimingBenchmark {
    private PrimingBenchmark() {}

    static void run(int runs) {
        if (!Files.exists(ProbeJvm.JAR)) throw new IllegalStateException(ProbeJvm.JAR + " is missing: run with `package` before `exec:java`");
        SimulatedMarket market = ProbeJvm.market();
        try (LocalDatabase db = new LocalDatabase(); YahooFeedServer feed = new YahooFeedServer(market)) {
            String table = db.table("priming-bench");
            DynamoAlertRepository alerts = new DynamoAlertRepository(db.client(), table);
            AlertSeeder.alerts(100, market, CronScenario.START, 7).forEach(alerts::put);
            ProbeJvm probe = new ProbeJvm(db, table, feed);
            Map<String, List<Long>> results = new HashMap<>();
            for (int i = 0; i < runs; i++) {
                for (String mode : List.of("unprimed", "primed")) {
                    probe.run(ApiColdStartProbe.class, List.of(mode), "FIRST_QUOTE_US", "FIRST_LIST_US")
                            .forEach((k, v) -> results.computeIfAbsent(mode + " " + k, x -> new ArrayList<>()).add(v));
                }
                System.out.printf(Locale.ROOT, "[Priming] run %d/%d%n", i + 1, runs);
            }
            System.out.println();
            System.out.printf(Locale.ROOT, "| first request in a fresh JVM (median of %d; min-max) | without priming | with priming |%n", runs);
            System.out.println("|---|---|---|");
            row(results, "GET /stock/AAPL (first request)", "FIRST_QUOTE_US");
            row(results, "GET /alerts, 100 alerts (first DynamoDB call)", "FIRST_LIST_US");
        }
    }

    private static void row(Map<String, List<Long>> results, String label, String key) {
        System.out.printf(Locale.ROOT, "| %s | %s | %s |%n", label,
                summary(results.get("unprimed " + key)), summary(results.get("primed " + key)));
    }

    private static String summary(List<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "%.0f ms (%.0f-%.0f)", sorted.get(sorted.size() / 2) / 1000.0,
                sorted.get(0) / 1000.0, sorted.get(sorted.size() - 1) / 1000.0);
    }
}
