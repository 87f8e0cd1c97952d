package dev.stockalerts.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stockalerts.check.CheckReport;
import dev.stockalerts.json.Json;
import dev.stockalerts.wiring.App;
import dev.stockalerts.wiring.CronContainer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * EventBridge schedule → one alert check of the shard the event names (shard 0 when it names none). The components
 * (and each shard's state cache) live as long as the container. The runtime hands over the event's bytes: read with
 * the functions' own JSON mapper, nothing else needs loading to understand them.
 */
public final class AlertsCronFunction implements RequestStreamHandler {
    /** Kept back from Lambda's deadline for writing the report and answering the runtime. */
    static final Duration MARGIN = Duration.ofMillis(1500);

    private final CronContainer container;
    private final Consumer<String> log;

    /** Used by the Lambda runtime, once per container: components from the environment (per shard it runs). */
    public AlertsCronFunction() {
        this(App.fromEnvironment(App.CRON_SECRETS));
    }

    public AlertsCronFunction(App app) {
        this(app.cron(), app.log());
    }

    /** The check of whichever of the container's shards each event names. */
    public AlertsCronFunction(CronContainer container, Consumer<String> log) {
        this.container = container;
        this.log = log;
    }

    @Override
    public void handleRequest(InputStream event, OutputStream report, Context context) throws IOException {
        report.write(Json.MAPPER.writeValueAsBytes(check(ScheduledShard.read(event), context)));
    }

    /** One scheduled invocation for {@code event} as EventBridge sends it; the run report as the function answers it. */
    public Map<String, Object> check(JsonNode event, Context context) {
        int shards = container.shardCount();
        int shard = ScheduledShard.of(event, shards);
        CheckReport report = container.check(shard).run(LambdaDeadline.of(context, MARGIN));
        Map<String, Object> json = RunMetrics.fields(report);
        String function = context == null ? "local" : context.getFunctionName();
        // One JSON object per run: the report, carrying its metrics in Embedded Metric Format.
        if (shards == 1) {
            log.accept(RunMetrics.line(report, function));
        } else {
            json.put(ScheduledShard.FIELD, shard);
            log.accept(RunMetrics.line(report, function, shard));
        }
        return json;
    }
}
