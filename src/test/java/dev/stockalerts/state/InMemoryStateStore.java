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
    final Map<String, DeliveryLedger> ledgers = new LinkedHashMap<>();
    final Set<String> failNextWrites = new LinkedHashSet<>();
    int loads;
    int batchWrites;
    int conditionalWrites;
    int settlements;

    @Override
    public Snapshot loadAll() {
        loads++;
        return new Snapshot(List.copyOf(states.values()), List.copyOf(ledgers.values()));
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
    public WriteOutcome claim(Collection<AlertState> puts, DeliveryLedger ledger) {
        conditionalWrites++;
        Set<String> written = new LinkedHashSet<>();
        Set<String> refused = new LinkedHashSet<>();
        for (AlertState s : puts) {
            AlertState stored = states.get(s.alertId());
            if ((stored == null ? 0 : stored.version()) != s.version()) refused.add(s.alertId());
        }
        for (AlertState s : puts) {
            if (refused.contains(s.alertId())) continue;
            states.put(s.alertId(), s.withPendingChannels(List.of()).withVersion(s.version() + 1));
            written.add(s.alertId());
        }
        if (!written.isEmpty()) ledgers.put(ledger.id(), ledger.without(refused));
        return new WriteOutcome(written, refused, Set.of());
    }

    @Override
    public boolean claimRetry(DeliveryLedger ledger) {
        DeliveryLedger stored = ledgers.get(ledger.id());
        if (stored == null || stored.attempt() != ledger.attempt()) return false;
        ledgers.put(ledger.id(), stored.withNextAttempt());
        return true;
    }

    @Override
    public void settle(String ledgerId, List<DeliveryLedger.Owed> remaining) {
        settlements++;
        if (remaining.isEmpty()) ledgers.remove(ledgerId);
        else ledgers.put(ledgerId, new DeliveryLedger(ledgerId, ledgers.get(ledgerId).attempt(), remaining));
    }
}
