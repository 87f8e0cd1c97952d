package dev.stockalerts.dynamo;

import java.util.Map;
import java.util.TreeMap;

/** DynamoDB calls and consumed capacity units, as reported by the service (ReturnConsumedCapacity=TOTAL). */
public record DynamoUsage(long calls, double readUnits, double writeUnits, Map<String, Long> callsByOperation) {

    public double capacityUnits() {
        return readUnits + writeUnits;
    }

    public DynamoUsage plus(DynamoUsage other) {
        Map<String, Long> ops = new TreeMap<>(callsByOperation);
        other.callsByOperation.forEach((op, n) -> ops.merge(op, n, Long::sum));
        return new DynamoUsage(calls + other.calls, readUnits + other.readUnits, writeUnits + other.writeUnits, ops);
    }

    public DynamoUsage minus(DynamoUsage earlier) {
        Map<String, Long> ops = new TreeMap<>(callsByOperation);
        earlier.callsByOperation.forEach((op, n) -> ops.merge(op, -n, Long::sum));
        ops.values().removeIf(n -> n == 0);
        return new DynamoUsage(calls - earlier.calls, readUnits - earlier.readUnits, writeUnits - earlier.writeUnits, ops);
    }
}
