package dev.stockalerts.local;

import dev.stockalerts.check.StoreUsage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** DynamoDB usage and provider requests per simulated hour, and what counts as steady state: shared by simulate and benchmark. */
final class HourlyUsage {
    private final List<StoreUsage> hours = new ArrayList<>();
    private final List<Long> providerRequests = new ArrayList<>();
    private final Consumer<String> out;

    /** @param out where each hour's row goes (nothing, for the benchmark) */
    HourlyUsage(Consumer<String> out) {
        this.out = out;
    }

    void add(StoreUsage usage, int fired, long requests) {
        if (hours.isEmpty()) out.accept("hour | DynamoDB calls | read CU | write CU | total CU | fired | provider requests | calls by operation");
        out.accept(String.format(Locale.ROOT, "%4d | %14d | %7.1f | %8.1f | %8.1f | %5d | %17d | %s", hours.size(), usage.calls(),
                usage.readUnits(), usage.writeUnits(), usage.capacityUnits(), fired, requests, usage.callsByOperation()));
        hours.add(usage);
        providerRequests.add(requests);
    }

    /** The average steady-state hour, and the most expensive one. */
    record Steady(int from, int to, double calls, double readUnits, double writeUnits, long maxCalls, double maxUnits,
                  double providerRequests) {
        double capacityUnits() {
            return readUnits + writeUnits;
        }
    }

    /**
     * Hour 0 holds the cold start; hour 1 the first flush, which writes the first observation of
     * every new crossing alert once. Steady state is every hour after both, when there are any.
     */
    Steady steadyState() {
        int from = hours.size() > 2 ? 2 : Math.min(1, hours.size() - 1);
        List<StoreUsage> steady = hours.subList(from, hours.size());
        return new Steady(from, hours.size() - 1,
                steady.stream().mapToLong(StoreUsage::calls).average().orElse(0),
                steady.stream().mapToDouble(StoreUsage::readUnits).average().orElse(0),
                steady.stream().mapToDouble(StoreUsage::writeUnits).average().orElse(0),
                steady.stream().mapToLong(StoreUsage::calls).max().orElse(0),
                steady.stream().mapToDouble(StoreUsage::capacityUnits).max().orElse(0),
                providerRequests.subList(from, hours.size()).stream().mapToLong(Long::longValue).average().orElse(0));
    }
}
