package dev.stockalerts.local;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** The benchmark's cold starts: fresh JVMs on the deployment jar, timed from JVM start to the first scheduled response. */
final class ColdStarts {
    private ColdStarts() {}

    /** Starts fresh JVMs on the deployment jar, each timing JVM start to its first scheduled response. */
    static String table(LocalDatabase db, String table) {
        if (!Files.exists(ProbeJvm.JAR)) {
            return "Cold start skipped: " + ProbeJvm.JAR + " is missing (run with `package` before `exec:java`).";
        }
        List<Long> millis = new ArrayList<>();
        try (YahooFeedServer feed = new YahooFeedServer(ProbeJvm.market()); WebhookReceiver webhook = new WebhookReceiver(b -> {})) {
            ProbeJvm probe = new ProbeJvm(db, table, feed).env("ALERT_WEBHOOK_URL", webhook.baseUri() + "/alerts");
            for (int i = 0; i < 5; i++) millis.add(probe.run(ColdStartProbe.class, List.of(), "COLD_START_MS").get("COLD_START_MS"));
        }
        Collections.sort(millis);
        double jarMb = ProbeJvm.JAR.toFile().length() / 1e6;
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
}
