package dev.stockalerts.local;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.stockalerts.handler.AlertsCronFunction;

import java.lang.management.ManagementFactory;

/**
 * Run in a fresh JVM on the deployment jar by {@link Benchmark}: builds the cron handler the way the
 * Lambda runtime does (from the environment) and prints the time from JVM start to its first response.
 */
public final class ColdStartProbe {
    private ColdStartProbe() {}

    public static void main(String[] args) {
        new AlertsCronFunction().handleRequest(new ScheduledEvent(), null);
        long millis = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println("COLD_START_MS=" + millis);
        System.exit(0);
    }
}
