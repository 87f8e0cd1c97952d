package dev.stockalerts.state;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.AlertState;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Alert definitions and states held in memory for the life of a container.
 *
 * <p>Loaded in bulk when empty or older than the TTL; changes are queued as dirty and written back
 * in batches once the write interval has passed. Before a notification goes out, {@link #claim}
 * makes its state durable, conditional on the version it was derived from, with a ledger of what
 * it owes; {@link #settle} records what was delivered.
 */
public final class AlertStateCache {
    private static final String LOG = "[KV Cache] ";
    private static final StateStore.WriteOutcome NOTHING = new StateStore.WriteOutcome(Set.of(), Set.of(), Set.of());

    private final StateStore states;
    private final AlertRepository alerts;
    private final Duration ttl;
    private final Duration writeInterval;
    private final Consumer<String> log;

    private final Map<String, Alert> definitions = new LinkedHashMap<>();
    /** As last read from or written to the store; the version is the stored one. */
    private final Map<String, AlertState> stored = new HashMap<>();
    /** Stored states plus the changes not yet written. */
    private final Map<String, AlertState> current = new HashMap<>();
    private final Set<String> dirty = new LinkedHashSet<>();
    /** States of deleted alerts, removed at the next flush. */
    private final Set<String> deletes = new LinkedHashSet<>();
    private final LedgerBook ledgers;

    private Instant loadedAt;
    private Instant lastFlushAt;
    private long definitionsRevision = Long.MIN_VALUE;

    public AlertStateCache(StateStore states, AlertRepository alerts, Duration ttl, Duration writeInterval, Consumer<String> log) {
        this.states = states;
        this.alerts = alerts;
        this.ttl = ttl;
        this.writeInterval = writeInterval;
        this.log = log;
        this.ledgers = new LedgerBook(states, log);
    }

    /**
     * Loads states when empty or stale. Definitions are read on the first load and then only when
     * the API changed them ({@code alertsRevision}): the API bumps the revision with every write.
     */
    public synchronized void ensureLoaded(Instant now, long alertsRevision) {
        boolean definitionsChanged = alertsRevision != definitionsRevision;
        if (definitionsChanged) {
            if (definitionsRevision != Long.MIN_VALUE) {
                log.accept(LOG + "Alert definitions changed (revision " + alertsRevision + "), reloading definitions");
            }
            replaceDefinitions(alerts.loadAll());
            definitionsRevision = alertsRevision;
        }
        if (loadedAt == null || !now.isBefore(loadedAt.plus(ttl))) load(now);
    }

    /** Forgets the load time so the next run reloads; queued changes are kept. */
    public synchronized void invalidate() {
        loadedAt = null;
    }

    public synchronized List<Alert> alerts() {
        return List.copyOf(definitions.values());
    }

    public synchronized AlertState state(String alertId) {
        AlertState state = current.get(alertId);
        return state != null ? state : AlertState.initial(alertId);
    }

    /** Records a new state in memory; only a change of content queues a write. */
    public synchronized void update(AlertState next) {
        String id = next.alertId();
        if (next.equals(state(id))) return;
        current.put(id, next);
        AlertState persisted = stored.get(id);
        if (persisted != null ? next.sameContentAs(persisted) : next.sameContentAs(AlertState.initial(id))) {
            dirty.remove(id);
        } else if (dirty.add(id)) {
            log.accept(LOG + "Queued state update for alert " + id);
        }
    }

    /** States whose last firing still owes a delivery: new firings and retries alike. */
    public synchronized List<AlertState> owingDelivery() {
        return current.values().stream().filter(s -> !s.pendingChannels().isEmpty()).toList();
    }

    /**
     * Claims what is owed before anything is sent, and returns the ids that may be sent now.
     * New firings are written in one transaction per batch, each conditional on the version it was
     * derived from, together with a ledger of the channels they owe. A refused state (a newer
     * container wrote first) is replaced by the stored copy and must not be sent; a failed one stays
     * queued for the next run. Deliveries owed by an earlier claim are retried only after a
     * conditional bump of their ledger, so two containers never both retry them.
     */
    public synchronized Set<String> claim(Collection<AlertState> owed, Instant now) {
        ledgers.retryUnsettled();
        Set<String> claimed = new LinkedHashSet<>();
        List<AlertState> fresh = new ArrayList<>();
        Map<String, List<String>> retriesByLedger = new LinkedHashMap<>();
        for (AlertState state : owed) {
            String ledger = ledgers.ledgerOf(state.alertId());
            if (ledger == null) fresh.add(current.getOrDefault(state.alertId(), state));
            else retriesByLedger.computeIfAbsent(ledger, l -> new ArrayList<>()).add(state.alertId());
        }
        for (int from = 0; from < fresh.size(); from += StateStore.MAX_CLAIM) {
            claimFresh(fresh.subList(from, Math.min(from + StateStore.MAX_CLAIM, fresh.size())), now, claimed);
        }
        retriesByLedger.forEach((ledgerId, alertIds) -> {
            if (ledgers.claimRetry(ledgerId)) {
                claimed.addAll(alertIds);
            } else {
                log.accept(LOG + "Deliveries of ledger " + ledgerId + " are being retried elsewhere; leaving them");
                alertIds.forEach(id -> setOwed(id, List.of()));
            }
        });
        return claimed;
    }

    private void claimFresh(List<AlertState> batch, Instant now, Set<String> claimed) {
        DeliveryLedger ledger = new DeliveryLedger(now + "#" + UUID.randomUUID().toString().substring(0, 8), 0,
                batch.stream().map(s -> new DeliveryLedger.Owed(s.alertId(), s.fireCount(), s.pendingChannels())).toList());
        StateStore.WriteOutcome outcome = states.claim(batch, ledger);
        for (AlertState state : batch) {
            if (!outcome.written().contains(state.alertId())) continue;
            markWritten(state);
            claimed.add(state.alertId());
        }
        if (!outcome.written().isEmpty()) ledgers.claimed(ledger.without(outcome.refused()).without(outcome.failed()));
        for (String id : outcome.refused()) {
            log.accept(LOG + "Refused write for alert " + id + ": a newer version is stored, adopting it");
            adopt(id, states.load(id).orElse(null));
        }
    }

    /**
     * Records what each claimed state still owes after sending ({@code owed}: alert id → channels
     * left, empty when delivered). Each ledger is settled in one write: deleted once nothing is owed.
     */
    public synchronized void settle(Map<String, List<String>> owed) {
        Map<String, List<DeliveryLedger.Owed>> remaining = new LinkedHashMap<>();
        owed.forEach((alertId, channels) -> {
            String ledgerId = ledgers.ledgerOf(alertId);
            if (ledgerId == null) return;
            setOwed(alertId, channels);
            remaining.computeIfAbsent(ledgerId, l -> new ArrayList<>());
            if (!channels.isEmpty()) {
                remaining.get(ledgerId).add(new DeliveryLedger.Owed(alertId, current.get(alertId).fireCount(), channels));
            }
        });
        remaining.forEach(ledgers::settle);
    }

    /** Owed channels live in ledgers, not in state items: changing them never makes a state dirty. */
    private void setOwed(String alertId, List<String> channels) {
        AlertState now = current.get(alertId);
        if (now != null) current.put(alertId, now.withPendingChannels(channels));
        AlertState before = stored.get(alertId);
        if (before != null) stored.put(alertId, before.withPendingChannels(channels));
        if (channels.isEmpty()) ledgers.forget(alertId);
    }

    /** Writes all queued changes in batches once the write interval has passed since the last flush. */
    public synchronized StateStore.WriteOutcome flushIfDue(Instant now) {
        if (lastFlushAt != null && now.isBefore(lastFlushAt.plus(writeInterval))) return NOTHING;
        if (dirty.isEmpty() && deletes.isEmpty()) {
            lastFlushAt = now;
            return NOTHING;
        }
        // Re-reading first refuses queued changes that a newer container has superseded,
        // since BatchWriteItem itself cannot be conditional. Skipped when this run just loaded.
        if (!now.equals(loadedAt)) load(now);
        if (dirty.isEmpty() && deletes.isEmpty()) {
            lastFlushAt = now;
            return NOTHING;
        }
        return flush(now);
    }

    /** The seed's getCacheStats(): cached states, pending writes, cache age, time since the last flush. */
    public synchronized CacheStats getCacheStats(Instant now) {
        return new CacheStats(current.size(), dirty.size() + deletes.size(),
                loadedAt == null ? null : Duration.between(loadedAt, now).toMillis(),
                lastFlushAt == null ? null : Duration.between(lastFlushAt, now).toMillis());
    }

    private StateStore.WriteOutcome flush(Instant now) {
        List<AlertState> puts = dirty.stream().map(current::get).toList();
        List<String> removals = List.copyOf(deletes);
        int total = puts.size() + removals.size();
        log.accept(LOG + "Flushing " + total + " pending writes to DynamoDB...");
        StateStore.WriteOutcome outcome = states.writeBatch(puts, removals);
        for (AlertState state : puts) {
            if (outcome.written().contains(state.alertId())) markWritten(state);
        }
        deletes.removeIf(outcome.written()::contains);
        lastFlushAt = now;
        log.accept(LOG + "Flushed " + outcome.written().size() + "/" + total + " writes to DynamoDB"
                + (outcome.failed().isEmpty() ? "" : "; " + outcome.failed().size() + " stay queued for the next flush"));
        return outcome;
    }

    private void load(Instant now) {
        log.accept(LOG + "Loading " + definitions.size() + " alert states from DynamoDB...");
        Map<String, AlertState> loaded = new HashMap<>();
        StateStore.Snapshot snapshot = states.loadAll();
        for (AlertState state : snapshot.states()) loaded.put(state.alertId(), state);
        log.accept(LOG + "Loaded " + loaded.size() + " states from DynamoDB");

        Map<String, AlertState> queued = new HashMap<>();
        for (String id : dirty) queued.put(id, current.get(id));
        stored.clear();
        stored.putAll(loaded);
        current.clear();
        current.putAll(loaded);
        dirty.clear();
        queued.forEach((id, mine) -> {
            AlertState theirs = loaded.get(id);
            if (theirs != null && theirs.version() > mine.version()) {
                log.accept(LOG + "Dropped queued change for alert " + id + ": stored version " + theirs.version() + " is newer");
            } else {
                update(mine);
            }
        });
        applyLedgers(snapshot.ledgers());
        dropStatesWithoutDefinition();
        loadedAt = now;
        if (lastFlushAt == null) lastFlushAt = now; // the write interval starts with the container
    }

    /** Owed channels come back from the ledgers, matched to the firing (fire count) they belong to. */
    private void applyLedgers(List<DeliveryLedger> loaded) {
        for (DeliveryLedger.Owed owed : ledgers.reload(loaded)) {
            AlertState state = current.get(owed.alertId());
            if (state == null || state.fireCount() != owed.fireCount() || owed.channels().isEmpty()) {
                ledgers.forget(owed.alertId());
            } else {
                setOwed(owed.alertId(), owed.channels());
            }
        }
    }

    private void replaceDefinitions(List<Alert> loaded) {
        definitions.clear();
        loaded.forEach(a -> definitions.put(a.id(), a));
        dropStatesWithoutDefinition();
    }

    /** States of deleted alerts leave memory now and the table at the next flush. */
    private void dropStatesWithoutDefinition() {
        for (String id : List.copyOf(current.keySet())) {
            if (definitions.containsKey(id)) continue;
            current.remove(id);
            dirty.remove(id);
            if (stored.remove(id) != null) deletes.add(id);
        }
    }

    private void markWritten(AlertState state) {
        AlertState written = state.withVersion(state.version() + 1);
        stored.put(state.alertId(), written);
        // A newer in-memory change made meanwhile keeps its content but now builds on the new version.
        AlertState now = current.get(state.alertId());
        if (now == null || now.equals(state)) {
            current.put(state.alertId(), written);
            dirty.remove(state.alertId());
        } else {
            current.put(state.alertId(), now.withVersion(written.version()));
        }
    }

    private void adopt(String id, AlertState newer) {
        dirty.remove(id);
        if (newer == null) {
            stored.remove(id);
            current.remove(id);
        } else {
            // What the newer writer still owes is its business (its ledger), not this container's.
            stored.put(id, newer.withPendingChannels(List.of()));
            current.put(id, newer.withPendingChannels(List.of()));
        }
        ledgers.forget(id);
    }
}
