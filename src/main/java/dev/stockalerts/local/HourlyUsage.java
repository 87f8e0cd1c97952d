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
        System.out.println();
        Steady steady = steadyState();
        System.out.printf(Locale.ROOT, "Steady state, %d alerts, hours %d-%d: %.1f DynamoDB calls/h (max %d), %.1f consumed CU/h (max %.1f)%n",
                alerts, steady.from, hours.size() - 1, steady.calls, steady.maxCalls, steady.units, steady.maxUnits);
        System.out.printf(Locale.ROOT, "Original KV design for 100 alerts: 2,640 operations/h before its cache, ~200 after.%n");
        System.out.printf(Locale.ROOT, "Notifications delivered to the webhook: %d%n", notifications);
    }

    record Steady(int from, double calls, long maxCalls, double units, double maxUnits) {}

    /**
     * Hour 0 holds the cold start; hour 1 the first flush, which writes the first observation of
     * every new crossing alert once. Steady state is every hour after both, when there are any.
     */
    Steady steadyState() {
        int from = hours.size() > 2 ? 2 : Math.min(1, hours.size() - 1);
        List<DynamoUsage> steady = hours.subList(from, hours.size());
        return new Steady(from,
                steady.stream().mapToLong(DynamoUsage::calls).average().orElse(0),
                steady.stream().mapToLong(DynamoUsage::calls).max().orElse(0),
                steady.stream().mapToDouble(DynamoUsage::capacityUnits).average().orElse(0),
                steady.stream().mapToDouble(DynamoUsage::capacityUnits).max().orElse(0));
    }
}
