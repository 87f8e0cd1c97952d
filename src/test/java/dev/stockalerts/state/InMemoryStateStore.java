package dev.stockalerts.state;

import dev.stockalerts.alert.AlertState;

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
    final Set<String> failNextWrites = new LinkedHashSet<>();
    int loads;
    int batchWrites;
    int conditionalWrites;

    @Override
    public List<AlertState> loadAll() {
        loads++;
        return List.copyOf(states.values());
    }

    @Override
    public Optional<AlertState> load(String alertId) {
        return Optional.ofNullable(states.get(alertId));
    }

    @Override
    public WriteOutcome writeBatch(Collection<AlertState> puts, Collection<String> deletes) {
        batchWrites++;
        Set<String> written = new LinkedHashSet<>();
        Set<String> failed = new LinkedHashSet<>();
        for (AlertState s : puts) {
            if (failNextWrites.remove(s.alertId())) {
                failed.add(s.alertId());
            } else {
                states.put(s.alertId(), s.withVersion(s.version() + 1));
                written.add(s.alertId());
            }
        }
        for (String id : deletes) {
            states.remove(id);
            written.add(id);
        }
        return new WriteOutcome(written, Set.of(), failed);
    }

    @Override
    public WriteOutcome writeIfUnchanged(Collection<AlertState> puts) {
        conditionalWrites++;
        Set<String> written = new LinkedHashSet<>();
        Set<String> refused = new LinkedHashSet<>();
        for (AlertState s : puts) {
            AlertState stored = states.get(s.alertId());
            if ((stored == null ? 0 : stored.version()) != s.version()) {
                refused.add(s.alertId());
            } else {
                states.put(s.alertId(), s.withVersion(s.version() + 1));
                written.add(s.alertId());
            }
        }
        return new WriteOutcome(written, refused, Set.of());
    }
}
