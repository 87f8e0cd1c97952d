package dev.stockalerts.local;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A probe's main class in a fresh JVM on the deployment jar, C1 only as template.yaml sets it, pointed at a table
 * of a {@link LocalDatabase} and at the simulated feed as its only quote provider. The probe prints what it measured
 * as {@code KEY=number} lines on stdout. What {@link ColdStarts} and {@link PrimingBenchmark} measure with.
 */
final class ProbeJvm {
    /** The deployment jar {@code mvn package} builds. */
    static final Path JAR = Path.of("target", "stock-alerts.jar");
    private static final Pattern MEASURE = Pattern.compile("([A-Z][A-Z_]*)=(\\d+)");

    private final Map<String, String> env = new LinkedHashMap<>();

    ProbeJvm(LocalDatabase db, String table, YahooFeedServer feed) {
        env.put("TABLE_NAME", table);
        env.put("AWS_ENDPOINT_URL_DYNAMODB", db.endpoint().toString());
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("QUOTE_PROVIDERS", "yahoo");
        env.put("YAHOO_BASE_URL", feed.baseUri().toString());
    }

    /** The market both benchmarks serve: AlertSeeder's symbols from the scenarios' start, seed 42. */
    static SimulatedMarket market() {
        SimulatedMarket market = new SimulatedMarket(new SimulatedClock(CronScenario.START), 42);
        AlertSeeder.listSymbols(market, 7);
        return market;
    }

    /** One more variable for the probe's environment. */
    ProbeJvm env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Runs {@code probe} with {@code args} in a new JVM; the values it printed for {@code keys}, all required. */
    Map<String, Long> run(Class<?> probe, List<String> args, String... keys) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                "-cp", JAR + File.pathSeparator + Path.of("target", "classes"), probe.getName()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        try {
            Process process = pb.start();
            Map<String, Long> values = new HashMap<>();
            List<String> output = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = reader.readLine(); l != null; l = reader.readLine()) {
                    output.add(l);
                    Matcher m = MEASURE.matcher(l);
                    if (m.matches()) values.put(m.group(1), Long.parseLong(m.group(2)));
                }
            }
            if (process.waitFor() != 0 || !values.keySet().containsAll(List.of(keys))) {
                throw new IllegalStateException(probe.getSimpleName() + " failed: " + output);
            }
            values.keySet().retainAll(List.of(keys));
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
