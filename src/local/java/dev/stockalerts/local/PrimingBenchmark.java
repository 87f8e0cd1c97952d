package dev.stockalerts.local;

import dev.stockalerts.dynamo.DynamoAlertRepository;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private static final Path JAR = Path.of("target", "stock-alerts.jar");

    private PrimingBenchmark() {}

    static void run(int runs) {
        if (!Files.exists(JAR)) throw new IllegalStateException(JAR + " is missing: run with `package` before `exec:java`");
        SimulatedMarket market = new SimulatedMarket(new SimulatedClock(CronScenario.START), 42);
        AlertSeeder.listSymbols(market, 7);
        try (LocalDatabase db = new LocalDatabase(); YahooFeedServer feed = new YahooFeedServer(market)) {
            String table = db.table("priming-bench");
            DynamoAlertRepository alerts = new DynamoAlertRepository(db.client(), table);
            AlertSeeder.alerts(100, market, CronScenario.START, 7).forEach(alerts::put);
            Map<String, List<Long>> results = new HashMap<>();
            for (int i = 0; i < runs; i++) {
                for (String mode : List.of("unprimed", "primed")) {
                    probe(mode, db, table, feed).forEach((k, v) -> results.computeIfAbsent(mode + " " + k, x -> new ArrayList<>()).add(v));
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

    private static Map<String, Long> probe(String mode, LocalDatabase db, String table, YahooFeedServer feed) {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                "-cp", JAR + File.pathSeparator + Path.of("target", "classes"), ApiColdStartProbe.class.getName(), mode);
        Map<String, String> env = pb.environment();
        env.put("TABLE_NAME", table);
        env.put("AWS_ENDPOINT_URL_DYNAMODB", db.endpoint().toString());
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("QUOTE_PROVIDERS", "yahoo");
        env.put("YAHOO_BASE_URL", feed.baseUri().toString());
        pb.redirectErrorStream(true);
        try {
            Process process = pb.start();
            Map<String, Long> values = new HashMap<>();
            List<String> output = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = reader.readLine(); l != null; l = reader.readLine()) {
                    output.add(l);
                    int eq = l.indexOf('=');
                    if (l.startsWith("FIRST_") && eq > 0) values.put(l.substring(0, eq), Long.parseLong(l.substring(eq + 1)));
                }
            }
            if (process.waitFor() != 0 || values.size() != 2) throw new IllegalStateException("probe failed: " + output);
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
