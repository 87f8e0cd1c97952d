package dev.stockalerts.handler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.Condition;
import dev.stockalerts.alert.RearmPolicy;
import dev.stockalerts.check.CheckReport;
import dev.stockalerts.json.Json;
import dev.stockalerts.state.CacheStats;
import dev.stockalerts.testing.CronHarness;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The run report as a CloudWatch Embedded Metric Format document, checked rule by rule against the
 * specification (CloudWatch_Embedded_Metric_Format_Specification): root node, metadata object,
 * MetricDirective, MetricDefinition, target members.
 */
class RunMetricsTest {
    /** The units a MetricDefinition may name (CloudWatch StandardUnit). */
    private static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
            "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent",
            "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
            "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second",
            "None");
    private static final Instant RUN = Instant.parse("2026-11-25T14:05:00Z");

    private static CheckReport report() {
        return new CheckReport(RUN, 98, 3, 2, 1, 0, 0, 0, 1, 20, 18, List.of("ZZZZ", "QQQ"), 4, 1.5, 6.0,
                Map.of("GetItem", 1L, "TransactWriteItems", 1L), new CacheStats(100, 7, 60_000L, 120_000L), 412);
    }

    @Test
    void theLineIsOneBareJsonObjectWithNothingAroundIt() throws Exception {
        String line = RunMetrics.line(report(), "stock-alerts-AlertsCronFunction-1");
        assertFalse(line.contains("\n") || line.contains("\r"), "one log event is one line");
        assertTrue(line.startsWith("{") && line.endsWith("}"), line);
        assertTrue(Json.MAPPER.readTree(line).isObject());
    }

    @Test
    void followsTheEmbeddedMetricFormatSpecification() throws Exception {
        JsonNode root = Json.MAPPER.readTree(RunMetrics.line(report(), "stock-alerts-AlertsCronFunction-1"));

        JsonNode aws = root.get("_aws");
        assertTrue(aws != null && aws.isObject(), "_aws is a required object");
        assertOnlyMembers(aws, Set.of("Timestamp", "CloudWatchMetrics", "LogGroupName"));
        assertTrue(aws.get("Timestamp").isIntegralNumber(), "Timestamp: milliseconds since the epoch, a number");
        assertEquals(RUN.toEpochMilli(), aws.get("Timestamp").asLong());
        JsonNode directives = aws.get("CloudWatchMetrics");
        assertTrue(directives.isArray() && directives.size() > 0, "CloudWatchMetrics: an array of MetricDirective");

        for (JsonNode directive : directives) {
            assertOnlyMembers(directive, Set.of("Namespace", "Dimensions", "Metrics"));
            assertTrue(directive.get("Namespace").isTextual() && !directive.get("Namespace").asText().isEmpty());
            JsonNode dimensionSets = directive.get("Dimensions");
            assertTrue(dimensionSets.isArray(), "Dimensions: an array of DimensionSet");
            for (JsonNode set : dimensionSets) {
                assertTrue(set.isArray() && set.size() <= 30, "a DimensionSet holds at most 30 dimension keys");
                for (JsonNode key : set) {
                    JsonNode target = root.get(key.asText());
                    assertTrue(target != null && target.isTextual(), "dimension " + key + " references a string member");
                }
            }
            JsonNode metrics = directive.get("Metrics");
            assertTrue(metrics.isArray() && metrics.size() > 0 && metrics.size() <= 100, "1 to 100 MetricDefinitions");
            for (JsonNode metric : metrics) {
                assertOnlyMembers(metric, Set.of("Name", "Unit", "StorageResolution"));
                String name = metric.get("Name").asText();
                assertTrue(UNITS.contains(metric.get("Unit").asText()), name + ": unknown unit " + metric.get("Unit"));
                JsonNode target = root.get(name);
                assertTrue(target != null && target.isNumber(), name + " references a numeric member");
            }
        }
    }

    @Test
    void declaresEveryFigureAnOperatorAlarmsOnWithTheReportsValues() throws Exception {
        JsonNode root = Json.MAPPER.readTree(RunMetrics.line(report(), "fn"));
        List<String> declared = new ArrayList<>();
        root.get("_aws").get("CloudWatchMetrics").get(0).get("Metrics").forEach(m -> declared.add(m.get("Name").asText()));
        assertEquals(List.of("alertsChecked", "alertsFired", "deliveryFailures", "symbolsUnavailableCount",
                "dynamoCalls", "consumedCapacityUnits", "durationMs"), declared);
        assertEquals(98, root.get("alertsChecked").asInt());
        assertEquals(3, root.get("alertsFired").asInt());
        assertEquals(1, root.get("deliveryFailures").asInt());
        assertEquals(2, root.get("symbolsUnavailableCount").asInt());
        assertEquals(4, root.get("dynamoCalls").asInt());
        assertEquals(7.5, root.get("consumedCapacityUnits").asDouble());
        assertEquals(412, root.get("durationMs").asInt());
        assertEquals("fn", root.get(RunMetrics.DIMENSION).asText());
        assertEquals(RunMetrics.NAMESPACE, root.get("_aws").get("CloudWatchMetrics").get(0).get("Namespace").asText());
    }

    @Test
    void keepsTheWholeReportForLogsInsights() throws Exception {
        JsonNode root = Json.MAPPER.readTree(RunMetrics.line(report(), "fn"));
        JsonNode report = Json.MAPPER.valueToTree(report());
        report.fieldNames().forEachRemaining(field -> assertEquals(report.get(field).toString(), String.valueOf(root.get(field)), field));
    }

    @Test
    void theScheduledFunctionPrintsExactlyOneMetricsLinePerRunMatchingItsReport() throws Exception {
        try (CronHarness env = new CronHarness()) {
            env.market.list("AAPL", 190);
            env.putAlert(new Alert("a1", "AAPL", Condition.ABOVE, 100, RearmPolicy.once(), List.of("webhook"), CronHarness.T0));
            CronHarness.Container cron = env.container();
            Map<String, Object> first = cron.run();
            Map<String, Object> second = cron.run();

            List<JsonNode> lines = new ArrayList<>();
            for (String line : env.log) {
                if (line.contains("\"_aws\"")) lines.add(Json.MAPPER.readTree(line));
            }
            assertEquals(2, lines.size(), "one EMF document per run: " + env.log);
            Iterator<Map<String, Object>> reports = List.of(first, second).iterator();
            for (JsonNode line : lines) {
                Map<String, Object> report = reports.next();
                assertEquals(((Number) report.get("alertsChecked")).intValue(), line.get("alertsChecked").asInt());
                assertEquals(((Number) report.get("alertsFired")).intValue(), line.get("alertsFired").asInt());
                assertEquals(((Number) report.get("dynamoCalls")).intValue(), line.get("dynamoCalls").asInt());
                assertEquals("local", line.get(RunMetrics.DIMENSION).asText(), "no Lambda context outside Lambda");
            }
            assertEquals(1, lines.get(0).get("alertsFired").asInt());
        }
    }

    private static void assertOnlyMembers(JsonNode object, Set<String> allowed) {
        object.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) fail("member " + name + " is not allowed here by the specification: " + object);
        });
    }
}
