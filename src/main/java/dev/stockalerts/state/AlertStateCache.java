package dev.stockalerts.state;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.AlertState;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Alert definitions and states held in memory for the life of a container.
 *
 * <p>Loaded in bulk when empty or older than the TTL; changes are queued as dirty and written back
 * in batches once the write interval has passed. Changes that record a notification (a firing, a
 * delivery) are "urgent": {@link #commitUrgent()} makes them durable, conditional on the version
 * they were derived from, before anything is sent.
 */
public final class AlertStateCache {
    private static final String LOG = "[KV Cache] ";

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

    private Instant loadedAt;
    private Instant lastFlushAt;
    private long definitionsRevision = Long.MIN_VALUE;

    public AlertStateCache(StateStore states, AlertRepository alerts, Duration ttl, Duration writeInterval, Consumer<String> log) {
        this.states = states;
        this.alerts = alerts;
        this.ttl = ttl;
        this.writeInterval = writeInterval;
        this.log = log;
    }

    /** Loads everything when empty or stale; re-reads only definitions when the API changed them. */
    public synchronized void ensureLoaded(Instant now, long alertsRevision) {
        if (loadedAt == null || !now.isBefore(loadedAt.plus(ttl))) {
            load(now);
        } else if (alertsRevision != definitionsRevision) {
            log.accept(LOG + "Alert definitions changed (revision " + alertsRevision + "), reloading definitions");
            replaceDefinitions(alerts.loadAll());
        }
        definitionsRevision = alertsRevision;
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

    /** States with a notification recorded in memory only: a firing or a delivery outcome. */
    public synchronized List<AlertState> urgent() {
        List<AlertState> result = new ArrayList<>();
        for (String id : dirty) {
            AlertState now = current.get(id);
            AlertState before = stored.getOrDefault(id, AlertState.initial(id));
            if (now.fireCount() != before.fireCount() || !now.pendingChannels().equals(before.pendingChannels())) {
                result.add(now);
            }
        }
        return result;
    }

    /**
     * Writes urgent states now, each conditional on its version. Refused ones (a newer container
     * wrote first) are replaced by the stored copy; failed ones stay queued and urgent.
     */
    public synchronized StateStore.WriteOutcome commitUrgent() {
        List<AlertState> urgent = urgent();
        if (urgent.isEmpty()) return new StateStore.WriteOutcome(Set.of(), Set.of(), Set.of());
        StateStore.WriteOutcome outcome = states.writeIfUnchanged(urgent);
        for (AlertState state : urgent) {
            if (outcome.written().contains(state.alertId())) markWritten(state);
        }
        for (String id : outcome.refused()) {
            log.accept(LOG + "Refused write for alert " + id + ": a newer version is stored, adopting it");
            adopt(id, states.load(id).orElse(null));
        }
        return outcome;
    }

    /** Durable states that still owe a delivery: retried every run until delivered. */
    public synchronized List<AlertState> awaitingDelivery() {
        Set<String> notDurable = new LinkedHashSet<>();
        urgent().forEach(s -> notDurable.add(s.alertId()));
        return current.values().stream()
                .filter(s -> !s.pendingChannels().isEmpty() && !notDurable.contains(s.alertId()))
                .toList();
    }

    /** Writes all queued changes in batches once the write interval has passed since the last flush. */
    public synchronized StateStore.WriteOutcome flushIfDue(Instant now) {
        StateStore.WriteOutcome nothing = new StateStore.WriteOutcome(Set.of(), Set.of(), Set.of());
        if (lastFlushAt != null && now.isBefore(lastFlushAt.plus(writeInterval))) return nothing;
        if (dirty.isEmpty() && deletes.isEmpty()) {
            lastFlushAt = now;
            return nothing;
        }
        // Re-reading first refuses queued changes that a newer container has superseded,
        // since BatchWriteItem itself cannot be conditional. Skipped when this run just loaded.
        if (!now.equals(loadedAt)) load(now);
        if (dirty.isEmpty() && deletes.isEmpty()) {
            lastFlushAt = now;
            return nothing;
        }
        return flush(now);
    }

    public synchronized CacheStats stats(Instant now) {
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
        List<Alert> loadedAlerts = alerts.loadAll();
        log.accept(LOG + "Loading " + loadedAlerts.size() + " alert states from DynamoDB...");
        Map<String, AlertState> loaded = new HashMap<>();
        for (AlertState state : states.loadAll()) loaded.put(state.alertId(), state);
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
        replaceDefinitions(loadedAlerts);
        loadedAt = now;
        if (lastFlushAt == null) lastFlushAt = now; // the write interval starts with the container
    }

    private void replaceDefinitions(List<Alert> loaded) {
        definitions.clear();
        loaded.forEach(a -> definitions.put(a.id(), a));
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
            stored.put(id, newer);
            current.put(id, newer);
        }
    }
}
