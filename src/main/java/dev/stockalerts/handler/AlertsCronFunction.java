package dev.stockalerts.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.stockalerts.check.CheckReport;
import dev.stockalerts.wiring.App;
import dev.stockalerts.wiring.CronContainer;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * EventBridge schedule → one alert check of the shard the event names (shard 0 when it names none). The components
 * (and each shard's state cache) live as long as the container.
 */
public final class AlertsCronFunction implements RequestHandler<ScheduledEvent, Map<String, Object>> {
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
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
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
