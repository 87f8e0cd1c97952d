package dev.stockalerts.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockalerts.check.AlertCheck;
import dev.stockalerts.check.CheckReport;

import dev.stockalerts.time.Deadline;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/** EventBridge schedule → one alert check. The components (and the state cache) live as long as the container. */
public final class AlertsCronFunction implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    /** Kept back from Lambda's deadline for writing the report and answering the runtime. */
    static final Duration MARGIN = Duration.ofMillis(1500);
    private static final ObjectMapper JSON = Json.mapper();

    private final AlertCheck check;
    private final Consumer<String> log;

    /** Used by the Lambda runtime: one set of components per container. */
    public AlertsCronFunction() {
        this(Containers.cron().check(), System.out::println);
    }

    public AlertsCronFunction(AlertCheck check, Consumer<String> log) {
        this.check = check;
        this.log = log;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        CheckReport report = check.run(deadline(context));
        Map<String, Object> json = JSON.convertValue(report, Map.class);
        // One JSON object per run: the report, carrying its metrics in Embedded Metric Format.
        log.accept(RunMetrics.line(report, context == null ? "local" : context.getFunctionName()));
        return json;
    }

    /** Lambda's remaining time minus the margin; no deadline when invoked without a context (local tools). */
    static Deadline deadline(Context context) {
        if (context == null) return Deadline.none();
        return Deadline.in(Duration.ofMillis(context.getRemainingTimeInMillis()).minus(MARGIN));
    }
}
