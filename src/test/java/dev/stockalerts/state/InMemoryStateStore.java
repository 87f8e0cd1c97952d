package dev.stockalerts.state;

import dev.stockalerts.alert.AlertState;
import dev.stockalerts.delivery.DeliveryLedger;
import dev.stockalerts.time.Deadline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Unit-test stand-in for the state store, counting what the cache asks of it and able to fail
 * chosen writes. The DynamoDB adapter itself is tested on DynamoDB Local.
 */
final class InMemoryStateStore implements StateStore {
    final Map<String, AlertState> states = new LinkedHashMap<>();
    final List<DeliveryLedger> ledgers = new ArrayList<>();
    final Set<String> failNextWrites = new LinkedHashSet<>();
    int loads;
    int batchWrites;
    /** The next bulk loads throw, as a stalled or failing table makes them. */
    int failNextLoads;
    /** The next single-state reads throw. */
    int failNextReads;

    @Override
    public Snapshot loadAll() {
        loads++;
        if (failNextLoads > 0) {
            failNextLoads--;
            throw new IllegalStateException("table unreachable");
        }
        return new Snapshot(List.copyOf(states.values()), List.copyOf(ledgers));
    }

    @Override
    public Optional<AlertState> load(String alertId) {
        if (failNextReads > 0) {
            failNextReads--;
            throw new IllegalStateException("throttled");
        }
        return Optional.ofNullable(states.get(alertId));
    }

    @Override
    public List<String> owedChannels(String alertId) {
        return List.of();
    }

    @Override
    public WriteOutcome writeBatch(Collection<AlertState> puts, Collection<String> deletes, Deadline deadline) {
        batchWrites++;
        Set<String> written = new LinkedHashSet<>();
        Set<String> failed = new LinkedHashSet<>();
        Map<String, Optional<AlertState>> superseded = new LinkedHashMap<>();
        for (AlertState s : puts) {
            AlertState stored = states.get(s.alertId());
            if (failNextWrites.remove(s.alertId()) || deadline.expired()) {
                failed.add(s.alertId());
            } else if ((stored == null ? 0 : stored.version()) != s.version()) {
                superseded.put(s.alertId(), Optional.ofNullable(stored));
            } else {
                states.put(s.alertId(), s.withVersion(s.version() + 1));
                written.add(s.alertId());
            }
        }
        for (String id : deletes) {
            states.remove(id);
            written.add(id);
        }
        return new WriteOutcome(written, failed, superseded);
    }
}
