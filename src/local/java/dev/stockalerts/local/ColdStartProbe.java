package dev.stockalerts.local;

import dev.stockalerts.handler.AlertsCronFunction;
import dev.stockalerts.handler.ScheduledShard;

import java.lang.management.ManagementFactory;

/**
 * Run in a fresh JVM on the deployment jar by {@link Benchmark}: builds the cron handler the way the
 * Lambda runtime does (from the environment) and prints the time from JVM start to its first response.
 */
public final class ColdStartProbe {
    private ColdStartProbe() {}

    public static void main(String[] args) {
        new AlertsCronFunction().check(ScheduledShard.event(0), null);
        long millis = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println("COLD_START_MS=" + millis);
        System.exit(0);
    }
}
