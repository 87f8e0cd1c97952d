package dev.stockalerts.handler;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockalerts.check.CheckReport;
import dev.stockalerts.json.Json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The run report as one CloudWatch Embedded Metric Format document: the report's own fields, plus an
 * {@code _aws} directive that makes CloudWatch Logs extract some of them as metrics. No PutMetricData,
 * no library: printing the line is publishing the metrics.
 *
 * <p>It must reach stdout as one line of bare JSON (the log sink in Lambda, not the Context's LambdaLogger): with
 * {@code LogFormat: JSON} Lambda leaves a line that is already a JSON object as it is, while the
 * LambdaLogger would wrap it in {@code {"message": ...}}, where CloudWatch no longer finds {@code _aws}.
 */
public final class RunMetrics {
    /** Namespace of every metric; the dimension tells the stacks (functions) apart. */
    public static final String NAMESPACE = "StockAlerts";
    public static final String DIMENSION = "Function";

    /** Metric name (a member of the document) → CloudWatch unit. */
    public static final Map<String, String> METRICS = metrics();

    private RunMetrics() {}

    private static Map<String, String> metrics() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("alertsChecked", "Count");
        m.put("alertsFired", "Count");
        m.put("deliveryFailures", "Count");
        m.put("symbolsUnavailableCount", "Count");
        m.put("dynamoCalls", "Count");
        m.put("consumedCapacityUnits", "Count");
        m.put("durationMs", "Milliseconds");
        return Collections.unmodifiableMap(m); // insertion order: the order metrics are declared in
    }

    /** One line: the report with its metrics declared, for the function (stack) named {@code function}. */
    public static String line(CheckReport report, String function) {
        return line(report, function, null);
    }

    /**
     * The same for one shard's run: the shard is a property of the line (found by Logs Insights), not a dimension,
     * so the metrics, alarms and dashboard keep summing every shard of the function.
     */
    public static String line(CheckReport report, String function, int shard) {
        return line(report, function, Integer.valueOf(shard));
    }

    /** The report as the function returns it: its fields and the billed figure they add up to. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> fields(CheckReport report) {
        Map<String, Object> fields = Json.MAPPER.convertValue(report, Map.class);
        fields.put("consumedCapacityUnits", report.consumedCapacityUnits());
        return fields;
    }

    private static String line(CheckReport report, String function, Integer shard) {
        ObjectNode doc = Json.MAPPER.valueToTree(fields(report));
        if (shard != null) doc.put(ScheduledShard.FIELD, shard);
        doc.put("symbolsUnavailableCount", report.symbolsUnavailable().size());
        doc.put(DIMENSION, function);

        ObjectNode directive = Json.MAPPER.createObjectNode();
        directive.put("Namespace", NAMESPACE);
        directive.putArray("Dimensions").addArray().add(DIMENSION);
        ArrayNode metrics = directive.putArray("Metrics");
        METRICS.forEach((name, unit) -> metrics.addObject().put("Name", name).put("Unit", unit));

        ObjectNode aws = doc.putObject("_aws");
        aws.put("Timestamp", report.time().toEpochMilli());
        aws.putArray("CloudWatchMetrics").add(directive);
        return Json.write(doc);
    }
}
