package dev.stockalerts.local;

import dev.stockalerts.handler.AlertsCronFunction;
import dev.stockalerts.handler.ScheduledShard;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The local stand-in for EventBridge's rate(5 minutes): invokes the real AlertsCronFunction periodically and prints
 * one line per run. One thread, so runs never overlap, as the function's reserved concurrency of 1 guarantees in AWS.
 */
public final class ScheduleTicker implements AutoCloseable {
    /** The cron's own Lambda timeout: how long stopping waits for a running check. */
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

    private final AlertsCronFunction function;
    private final int shards;
    private final Consumer<String> out;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "ScheduleTicker");
        thread.setDaemon(true);
        return thread;
    });

    /** Set by start() before scheduling, then used by the scheduler thread only. */
    private long nextDue;
    private int skipped;

    /** @param shards ALERT_SHARDS: each tick runs every shard's schedule, one after another */
    public ScheduleTicker(AlertsCronFunction function, int shards, Consumer<String> out) {
        this.function = function;
        this.shards = shards;
        this.out = out;
    }

    /**
     * Runs every {@code period} of real time, the first one period from now as after a deploy. Fixed rate keeps the
     * 12 runs an hour that TTLs and write intervals are tuned for; ticks missed while a run overran are skipped
     * rather than run back to back (which a fixed-rate executor would do).
     */
    public void start(Duration period) {
        long nanos = period.toNanos();
        nextDue = System.nanoTime() + nanos;
        executor.scheduleAtFixedRate(() -> scheduledRun(nanos), nanos, nanos, TimeUnit.NANOSECONDS);
    }

    /** One tick now, queued behind a running one; returns the function's report, the last shard's (tests, instead of waiting). */
    public Map<String, Object> tickNow() {
        try {
            return executor.submit(this::run).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) throw runtime;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a check", e);
        }
    }

    private void scheduledRun(long period) {
        long late = System.nanoTime() - nextDue;
        nextDue += period;
        if (late > period / 2) {
            skipped++;
            return;
        }
        if (skipped > 0) {
            out.accept("[Cron] skipped " + skipped + " tick(s): a run took longer than the schedule period at this speed");
            skipped = 0;
        }
        try {
            run();
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again: report and keep the schedule going.
            out.accept("[Cron] run failed: " + e + (e.getCause() == null ? "" : " (cause: " + e.getCause() + ")"));
        }
    }

    private Map<String, Object> run() {
        Map<String, Object> report = Map.of();
        for (int shard = 0; shard < shards; shard++) {
            report = function.check(ScheduledShard.event(shard), null); // as each shard's schedule sends it
            out.accept(shards == 1 ? summary(report) : summary(report).replace("[Cron] ", "[Cron] shard " + shard + ": "));
        }
        return report;
    }

    static String summary(Map<String, Object> report) {
        double cu = number(report, "readCapacityUnits") + number(report, "writeCapacityUnits");
        int failures = (int) number(report, "deliveryFailures");
        return String.format(Locale.ROOT, "[Cron] %s checked %d alerts, fired %d%s, %d DynamoDB calls, %.1f CU, %d ms",
                seconds(report.get("time")), (int) number(report, "alertsChecked"), (int) number(report, "alertsFired"),
                failures == 0 ? "" : ", " + failures + " deliveries failed",
                (int) number(report, "dynamoCalls"), cu, (long) number(report, "durationMs"));
    }

    /** The run's time to the second: at --speed N the nanoseconds are noise. */
    private static Object seconds(Object time) {
        try {
            return Instant.parse(String.valueOf(time)).truncatedTo(ChronoUnit.SECONDS);
        } catch (DateTimeParseException e) {
            return time;
        }
    }

    private static double number(Map<String, Object> report, String key) {
        return report.get(key) instanceof Number n ? n.doubleValue() : 0;
    }

    /** Stops scheduling and waits for a running check to finish (never interrupts it mid-write). */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                out.accept("[Cron] a check is still running after " + RUN_TIMEOUT.toSeconds() + " s; not waiting longer");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
