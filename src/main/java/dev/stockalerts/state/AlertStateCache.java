package dev.stockalerts.state;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.AlertState;
import dev.stockalerts.delivery.ClaimedStates;
import dev.stockalerts.delivery.DeliveryLedger;
import dev.stockalerts.time.Deadline;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Alert definitions and states held in memory for the life of a container: a write-behind cache.
 *
 * <p>Loaded in bulk when empty or older than the TTL; changes are queued as dirty and written back in
 * batches once the write interval has passed. A fired state is written by its delivery claim instead
 * ({@link ClaimedStates}), conditional on the version it was derived from.
 */
public final class AlertStateCache implements ClaimedStates {
    private static final String LOG = "[KV Cache] ";

    private final StateStore states;
    private final AlertRepository alerts;
    private final Duration ttl;
    private final Duration writeInterval;
    private final Consumer<List<DeliveryLedger>> ledgersLoaded;
    private final Consumer<String> log;

    private final Map<String, Alert> definitions = new LinkedHashMap<>();
    /** As last read from or written to the store; the version is the stored one. */
    private final Map<String, AlertState> stored = new HashMap<>();
    /** Stored states plus the changes not yet written. */
    private final Map<String, AlertState> current = new HashMap<>();
    private final Set<String> dirty = new LinkedHashSet<>();
    /** States of deleted alerts, removed at the next flush. */
    private final Set<String> deletes = new LinkedHashSet<>();

    private Instant loadedAt;
    private Instant lastFlushAt;
    private long definitionsRevision = Long.MIN_VALUE;

    /** @param ledgersLoaded told the delivery ledgers each bulk load brings along (they share the states' partition) */
    public AlertStateCache(StateStore states, AlertRepository alerts, Duration ttl, Duration writeInterval,
                           Consumer<List<DeliveryLedger>> ledgersLoaded, Consumer<String> log) {
        this.states = states;
        this.alerts = alerts;
        this.ttl = ttl;
        this.writeInterval = writeInterval;
        this.ledgersLoaded = ledgersLoaded;
        this.log = log;
    }

    /**
     * Loads states when empty or stale. Definitions are read on the first load and then only when
     * the API changed them ({@code alertsRevision}): the API bumps the revision with every write.
     */
    public synchronized void ensureLoaded(Instant now, long alertsRevision) {
        ensureDefinitions(alertsRevision);
        if (loadedAt == null || !now.isBefore(loadedAt.plus(ttl))) load(now);
    }

    /** Re-reads definitions if the API changed them since; states stay as they are (a run with every market closed). */
    public synchronized void ensureDefinitions(long alertsRevision) {
        if (alertsRevision != definitionsRevision) {
            if (definitionsRevision != Long.MIN_VALUE) {
                log.accept(LOG + "Alert definitions changed (revision " + alertsRevision + "), reloading definitions");
            }
            definitions.clear();
            alerts.loadAll().forEach(a -> definitions.put(a.id(), a));
            dropStatesWithoutDefinition();
            definitionsRevision = alertsRevision;
        }
    }

    /** Whether definitions and states have been loaded at least once by this container. */
    public synchronized boolean loaded() {
        return loadedAt != null;
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

    @Override
    public synchronized AlertState current(String alertId) {
        return state(alertId);
    }

    /** A claim stored this state: it is now the stored version, and no longer dirty unless changed since. */
    @Override
    public synchronized void written(AlertState claimed) {
        AlertState written = claimed.withVersion(claimed.version() + 1);
        stored.put(claimed.alertId(), written);
        AlertState now = current.get(claimed.alertId());
        if (now == null || now.equals(claimed)) {
            current.put(claimed.alertId(), written);
            dirty.remove(claimed.alertId());
        } else {
            // A newer in-memory change made meanwhile keeps its content but now builds on the new version.
            current.put(claimed.alertId(), now.withVersion(written.version()));
        }
    }

    /** A newer container wrote this state first: its stored copy replaces ours. */
    @Override
    public synchronized void refused(String alertId) {
        dirty.remove(alertId);
        AlertState newer = states.load(alertId).orElse(null);
        if (newer == null) {
            stored.remove(alertId);
            current.remove(alertId);
        } else {
            stored.put(alertId, newer);
            current.put(alertId, newer);
        }
    }

    /**
     * Writes queued changes in batches at the end of a container's first run, then once the write interval has passed
     * since the last flush: Lambda may recycle a container at any moment, and one that lives for a single run must
     * still leave what it learned (a crossing alert's side, a re-arm). Only the states in
     * {@code heldBack} (fired, claim pending: only their claim may write them) wait. What fails or does not fit
     * before the deadline stays queued.
     */
    public synchronized StateStore.WriteOutcome flushIfDue(Instant now, Set<String> heldBack, Deadline deadline) {
        StateStore.WriteOutcome nothing = new StateStore.WriteOutcome(Set.of(), Set.of());
        if (lastFlushAt != null && now.isBefore(lastFlushAt.plus(writeInterval))) return nothing;
        if (dirty.isEmpty() && deletes.isEmpty()) {
            lastFlushAt = now;
            return nothing;
        }
        // Re-reading first refuses queued changes that a newer container has superseded,
        // since BatchWriteItem itself cannot be conditional. Skipped when this run just loaded.
        if (!now.equals(loadedAt)) {
            try {
                load(now);
            } catch (RuntimeException e) {
                // The run has claimed and sent already: it must still answer. Nothing was written; the next run tries again.
                log.accept(LOG + "Could not re-read states before flushing; " + (dirty.size() + deletes.size())
                        + " writes stay queued: " + e.getMessage());
                return nothing;
            }
        }
        List<AlertState> puts = dirty.stream().filter(id -> !heldBack.contains(id)).map(current::get).toList();
        List<String> removals = List.copyOf(deletes);
        lastFlushAt = now;
        if (puts.isEmpty() && removals.isEmpty()) return nothing;
        int total = puts.size() + removals.size();
        log.accept(LOG + "Flushing " + total + " pending writes to DynamoDB...");
        StateStore.WriteOutcome outcome = states.writeBatch(puts, removals, deadline);
        for (AlertState state : puts) {
            if (outcome.written().contains(state.alertId())) written(state);
        }
        deletes.removeIf(outcome.written()::contains);
        log.accept(LOG + "Flushed " + outcome.written().size() + "/" + total + " writes to DynamoDB"
                + (outcome.failed().isEmpty() ? "" : "; " + outcome.failed().size() + " stay queued for the next flush"));
        return outcome;
    }

    /** The seed's getCacheStats(): cached states, pending writes, cache age, time since the last flush. */
    public synchronized CacheStats getCacheStats(Instant now) {
        return new CacheStats(current.size(), dirty.size() + deletes.size(),
                loadedAt == null ? null : Duration.between(loadedAt, now).toMillis(),
                lastFlushAt == null ? null : Duration.between(lastFlushAt, now).toMillis());
    }

    private void load(Instant now) {
        log.accept(LOG + "Loading " + definitions.size() + " alert states from DynamoDB...");
        StateStore.Snapshot snapshot = states.loadAll();
        Map<String, AlertState> loaded = new HashMap<>();
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
        dropStatesWithoutDefinition();
        ledgersLoaded.accept(snapshot.ledgers());
        loadedAt = now;
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
}
