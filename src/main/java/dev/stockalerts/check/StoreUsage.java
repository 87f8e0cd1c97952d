package dev.stockalerts.check;

import java.util.Map;
import java.util.TreeMap;

/** Store calls and consumed capacity units, as the store reported them (DynamoDB: ReturnConsumedCapacity=TOTAL). */
public record StoreUsage(long calls, double readUnits, double writeUnits, Map<String, Long> callsByOperation) {

    public double capacityUnits() {
        return readUnits + writeUnits;
    }

    public StoreUsage plus(StoreUsage other) {
        Map<String, Long> ops = new TreeMap<>(callsByOperation);
        other.callsByOperation.forEach((op, n) -> ops.merge(op, n, Long::sum));
        return new StoreUsage(calls + other.calls, readUnits + other.readUnits, writeUnits + other.writeUnits, ops);
    }

    public StoreUsage minus(StoreUsage earlier) {
        Map<String, Long> ops = new TreeMap<>(callsByOperation);
        earlier.callsByOperation.forEach((op, n) -> ops.merge(op, -n, Long::sum));
        ops.values().removeIf(n -> n == 0);
        return new StoreUsage(calls - earlier.calls, readUnits - earlier.readUnits, writeUnits - earlier.writeUnits, ops);
    }
}
