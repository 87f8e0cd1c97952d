package dev.stockalerts.local;

import dev.stockalerts.dynamo.DynamoUsage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints DynamoDB usage per simulated hour and the steady-state average beside the original's figures. */
final class HourlyUsage {
    private final List<DynamoUsage> hours = new ArrayList<>();

    void add(int hour, DynamoUsage usage, int fired) {
        hours.add(usage);
        if (hour == 0) {
            System.out.println("hour | DynamoDB calls | read CU | write CU | total CU | fired | calls by operation");
        }
        System.out.printf(Locale.ROOT, "%4d | %14d | %7.1f | %8.1f | %8.1f | %5d | %s%n", hour, usage.calls(),
                usage.readUnits(), usage.writeUnits(), usage.capacityUnits(), fired, usage.callsByOperation());
    }

    void printSummary(int alerts, int notifications) {
        // Hour 0 holds the cold start; steady state is every hour after it.
        List<DynamoUsage> steady = hours.size() > 1 ? hours.subList(1, hours.size()) : hours;
        double calls = steady.stream().mapToLong(DynamoUsage::calls).average().orElse(0);
        double units = steady.stream().mapToDouble(DynamoUsage::capacityUnits).average().orElse(0);
        long maxCalls = steady.stream().mapToLong(DynamoUsage::calls).max().orElse(0);
        double maxUnits = steady.stream().mapToDouble(DynamoUsage::capacityUnits).max().orElse(0);
        System.out.println();
        System.out.printf(Locale.ROOT, "Steady state, %d alerts, hours 1-%d: %.1f DynamoDB calls/h (max %d), %.1f consumed CU/h (max %.1f)%n",
                alerts, hours.size() - 1, calls, maxCalls, units, maxUnits);
        System.out.printf(Locale.ROOT, "Original KV design for 100 alerts: 2,640 operations/h before its cache, ~200 after.%n");
        System.out.printf(Locale.ROOT, "Notifications delivered to the webhook: %d%n", notifications);
    }
}
