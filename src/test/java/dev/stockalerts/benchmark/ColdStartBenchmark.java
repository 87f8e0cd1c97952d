package dev.stockalerts.benchmark;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.stockalerts.alert.Alert;
import dev.stockalerts.local.AlertSeeder;
import dev.stockalerts.testing.ApiEvents;
import dev.stockalerts.testing.CronHarness;
import dev.stockalerts.testing.FaultyDynamoProxy;
import dev.stockalerts.testing.InvokeResult;
import dev.stockalerts.testing.LambdaSandbox;
import dev.stockalerts.testing.RuntimeSerialization;
import dev.stockalerts.testing.SamTemplate;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Cold starts through the real Lambda runtime interface client, against a floor: for each function and the floor, a
 * fresh container (JVM) is started and invoked once, five times in turn, and its init plus its first invocation timed,
 * as Lambda bills a cold start. The floor ({@code FloorHandler}) builds one DynamoDB client and makes one GetItem, from
 * the same jar's libraries. Everything runs on loopback: DynamoDB Local (through the recording proxy), the simulated
 * market in Yahoo's format, a webhook. A benchmark, not a test: it prints figures and asserts nothing about time.
 * <pre>mvn -q -DskipTests package && mvn -q failsafe:integration-test -Dit.test=ColdStartBenchmark</pre>
 */
class ColdStartBenchmark {
    private static final int RUNS = Integer.getInteger("coldStarts", 5);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** As template.yaml sets them; -DcoldStartJvmOptions adds more, e.g. -Xlog:class+load:file=target/classes-%p.log. */
    private static final Map<String, String> JVM_OPTIONS = Map.of("JAVA_TOOL_OPTIONS",
            (SamTemplate.map(SamTemplate.map(SamTemplate.map(SamTemplate.load().section("Globals").get("Function"))
                    .get("Environment")).get("Variables")).get("JAVA_TOOL_OPTIONS") + " "
                    + System.getProperty("coldStartJvmOptions", "")).trim());

    @Test
    void coldStartsAgainstTheFloor() throws IOException {
        Map<String, List<Long>> millis = new LinkedHashMap<>();
        try (CronHarness harness = new CronHarness(Instant.now()); FaultyDynamoProxy dynamo = FaultyDynamoProxy.inFrontOfLocalDynamo()) {
            AlertSeeder.listSymbols(harness.market, 7);
            for (Alert alert : AlertSeeder.alerts(21, harness.market, harness.clock.instant(), 7)) harness.putAlert(alert);
            Path floorCode = floorTaskRoot();
            String quote = RuntimeSerialization.write(ApiEvents.request("GET", "/stock/AAPL", null), APIGatewayProxyRequestEvent.class);
            Map<String, Supplier<LambdaSandbox>> functions = new LinkedHashMap<>();
            functions.put("floor: one DynamoDB client, one GetItem", () -> harness.sandbox(
                    "dev.stockalerts.testing.handlers.FloorHandler::handleRequest", dynamo.endpoint()).code(floorCode).env(JVM_OPTIONS).build());
            functions.put("API: GET /stock/AAPL", () -> harness.sandbox(
                    "dev.stockalerts.handler.StockApiFunction::handleRequest", dynamo.endpoint()).env(JVM_OPTIONS).build());
            functions.put("scheduled run, 21 alerts", () -> harness.sandbox(
                    "dev.stockalerts.handler.AlertsCronFunction::handleRequest", dynamo.endpoint()).env(JVM_OPTIONS).build());
            Map<String, String> events = Map.of(
                    "floor: one DynamoDB client, one GetItem", "{}",
                    "API: GET /stock/AAPL", quote,
                    "scheduled run, 21 alerts", LambdaSandbox.sampleEvent("schedule.json"));
            for (int run = 0; run < RUNS + 1; run++) { // the first round warms the machine's file cache, and is not counted
                for (Map.Entry<String, Supplier<LambdaSandbox>> f : functions.entrySet()) {
                    try (LambdaSandbox sandbox = f.getValue().get()) {
                        InvokeResult result = sandbox.invoke(events.get(f.getKey()), TIMEOUT);
                        result.response();
                        if (run > 0) millis.computeIfAbsent(f.getKey(), k -> new ArrayList<>())
                                .add(result.initDuration().plus(result.duration()).toMillis());
                    }
                }
            }
        }
        String table = table(millis);
        System.out.println(table);
        Files.createDirectories(Path.of("target/figures"));
        Files.writeString(Path.of("target/figures/cold-starts.md"), table);
    }

    /** The floor's task root: its one class beside the deployment jar's libraries, as a function of its own would ship. */
    private static Path floorTaskRoot() throws IOException {
        Path root = Path.of("target/floor-task");
        String clazz = "dev/stockalerts/testing/handlers/FloorHandler.class";
        Files.createDirectories(root.resolve("lib"));
        Files.createDirectories(root.resolve(clazz).getParent());
        Files.copy(Path.of("target/test-classes").resolve(clazz), root.resolve(clazz), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(LambdaSandbox.DEPLOYMENT_JAR, root.resolve("lib/stock-alerts.jar"), StandardCopyOption.REPLACE_EXISTING);
        return root;
    }

    private static String table(Map<String, List<Long>> millis) {
        long floor = median(millis.values().iterator().next());
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, """
                | cold start through the runtime client (init + first invocation; median of %d, min-max) | ms | against the floor |
                |---|---|---|
                """, RUNS));
        millis.forEach((name, values) -> {
            List<Long> sorted = values.stream().sorted().toList();
            out.append(String.format(Locale.ROOT, "| %s | %d (%d-%d) | %.2fx |%n", name, median(values), sorted.get(0),
                    sorted.get(sorted.size() - 1), median(values) / (double) floor));
        });
        return out.toString();
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }
}
