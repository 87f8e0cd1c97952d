package dev.stockalerts.local;

import dev.stockalerts.config.SettingsException;
import dev.stockalerts.dynamo.DynamoClients;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The `serve` command: DynamoDB Local (or AWS_ENDPOINT_URL_DYNAMODB) plus a {@link LocalService}, running until Ctrl-C.
 * Stopping happens in a shutdown hook, so Ctrl-C (SIGINT) and SIGTERM both stop cleanly.
 */
final class Serve {
    static final String DEFAULT_TABLE = "stock-alerts-local";
    /**
     * Straight to stdout: under exec:java, System.out is Maven's ANSI filter, and Maven's own shutdown hook writes to it
     * while ours prints; the filter is not thread-safe and then throws (NumberFormatException: "0m") mid-println.
     */
    private static final PrintStream CONSOLE = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);

    private Serve() {}

    /** Blocks until the JVM shuts down and the hook has stopped everything. */
    static void run(int port, long speed) {
        Clock clock = speed == 1 ? Clock.systemUTC() : new ScaledClock(Clock.systemUTC(), speed);
        Map<String, String> env = new HashMap<>(System.getenv());
        if (env.getOrDefault("TABLE_NAME", "").isBlank()) env.put("TABLE_NAME", DEFAULT_TABLE);

        LocalDatabase db = null;
        LocalService service;
        try {
            db = new LocalDatabase();
            db.table(env.get("TABLE_NAME"));
            service = new LocalService(env, forEachFunction(db), clock, port, LocalService.SCHEDULE.dividedBy(speed),
                    CONSOLE::println);
        } catch (RuntimeException e) {
            if (db != null) db.close();
            System.err.println("error: " + reason(e, port));
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        LocalDatabase started = db;
        // Never waits on the main thread: that one is released by this hook and then blocks in System.exit until hooks end.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(service, started, stopped), "serve-stop"));
        ServeBanner.lines(service, describe(db, env), clock, speed).forEach(CONSOLE::println);
        awaitUninterruptibly(stopped);
    }

    /** A client per function on the database's endpoint, embedded or configured. */
    private static LocalService.Dynamo forEachFunction(LocalDatabase db) {
        return (metrics, deadlines) -> DynamoClients.forLocalEndpoint(db.endpoint(), metrics, deadlines, List.of(FailedDynamoCall.LAST));
    }

    private static String describe(LocalDatabase db, Map<String, String> env) {
        return env.getOrDefault("AWS_ENDPOINT_URL_DYNAMODB", "").isBlank()
                ? "embedded DynamoDB Local at " + db.endpoint()
                : "DynamoDB at " + db.endpoint() + " (AWS_ENDPOINT_URL_DYNAMODB)";
    }

    private static void stop(LocalService service, LocalDatabase db, CountDownLatch stopped) {
        CONSOLE.println("[Local] stopping: scheduler (after a running check), API, loopback services, DynamoDB");
        try {
            service.close();
        } finally {
            try {
                db.close();
            } catch (RuntimeException e) {
                CONSOLE.println("[Local] while stopping DynamoDB: " + e);
            }
            CONSOLE.println("stopped");
            stopped.countDown();
        }
    }

    private static String reason(RuntimeException e, int port) {
        if (e instanceof UncheckedIOException io && io.getCause() instanceof BindException) {
            return "cannot listen on 127.0.0.1:" + port + " (" + io.getCause().getMessage() + "); try --port with another port, or 0";
        }
        if (e instanceof SettingsException) return "bad setting: " + e.getMessage();
        return FailedDynamoCall.describe(e);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
