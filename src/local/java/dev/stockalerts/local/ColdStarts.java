package dev.stockalerts.local;

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
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's cold starts: fresh JVMs on the deployment jar, timed from JVM start to the first scheduled response. */
final class ColdStarts {
    private static final Path JAR = Path.of("target", "stock-alerts.jar");

    private ColdStarts() {}

    /** Starts fresh JVMs on the deployment jar, each timing JVM start to its first scheduled response. */
    static String table(LocalDatabase db, String table) {
        if (!Files.exists(JAR)) {
            return "Cold start skipped: " + JAR + " is missing (run with `package` before `exec:java`).";
        }
        SimulatedMarket market = new SimulatedMarket(new SimulatedClock(CronScenario.START), 42);
        AlertSeeder.listSymbols(market, 7);
        List<Long> millis = new ArrayList<>();
        try (YahooFeedServer feed = new YahooFeedServer(market); WebhookReceiver webhook = new WebhookReceiver(b -> {})) {
            for (int i = 0; i < 5; i++) millis.add(coldStart(db, table, feed, webhook));
        }
        Collections.sort(millis);
        double jarMb = JAR.toFile().length() / 1e6;
        return String.format(Locale.ROOT, """
                ## Cold start and deployment jar

                | measure | value |
                |---|---|
                | cold start, JVM start to first scheduled response (100 alerts, median of 5; min-max) | %d ms (%d-%d) |
                | deployment jar (`target/stock-alerts.jar`) | %.1f MB |

                The cold start runs `java -XX:TieredStopAtLevel=1` (as template.yaml sets) on the deployment jar in a new
                process: SDK client creation, config read, bulk state load, quotes and evaluation included.
                """, millis.get(2), millis.get(0), millis.get(4), jarMb);
    }

    private static long coldStart(LocalDatabase db, String table, YahooFeedServer feed, WebhookReceiver webhook) {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                "-cp", JAR + File.pathSeparator + Path.of("target", "classes"), ColdStartProbe.class.getName());
        Map<String, String> env = pb.environment();
        env.put("TABLE_NAME", table);
        env.put("AWS_ENDPOINT_URL_DYNAMODB", db.endpoint().toString());
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("QUOTE_PROVIDERS", "yahoo");
        env.put("YAHOO_BASE_URL", feed.baseUri().toString());
        env.put("ALERT_WEBHOOK_URL", webhook.baseUri() + "/alerts");
        pb.redirectErrorStream(true);
        try {
            Process process = pb.start();
            long result = -1;
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = reader.readLine(); l != null; l = reader.readLine()) {
                    if (l.startsWith("COLD_START_MS=")) result = Long.parseLong(l.substring("COLD_START_MS=".length()));
                }
            }
            if (process.waitFor() != 0 || result < 0) throw new IllegalStateException("cold start probe failed");
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
