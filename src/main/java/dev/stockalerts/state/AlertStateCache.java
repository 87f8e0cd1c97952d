package dev.stockalerts.state;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.AlertState;
import dev.stockalerts.delivery.ClaimedStates;
import dev.stockalerts.delivery.DeliveryLedger;
import dev.stockalerts.time.Deadline;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
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
    static final String LOG = "[KV Cache] ";

    private final StateStore states;
    private final AlertRepository alerts;
    private final Duration ttl;
    private final Duration writeInterval;
    private final Consumer<List<DeliveryLedger>> ledgersLoaded;
    private final Consumer<String> log;

    private final Map<String, Alert> definitions = new LinkedHashMap<>();
    private final StateBook book;

    private Instant loadedAt;
    private Instant lastFlushAt;
    private boolean flushFailed;
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
        this.book = new StateBook(log);
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
            book.keepOnly(definitions.keySet());
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
        return book.state(alertId);
    }

    /** Records a new state in memory; only a change of content queues a write. */
    public synchronized void update(AlertState next) {
        book.update(next);
    }

    @Override
    public synchronized AlertState current(String alertId) {
        return state(alertId);
    }

    /** A claim stored this state: it is now the stored version, and no longer dirty unless changed since. */
    @Override
    public synchronized void written(AlertState claimed) {
        book.written(claimed);
    }

    /**
     * A newer container wrote this state first: its stored copy replaces ours. If it cannot be read now, the next run
     * reloads every state first, which keeps the stored, newer version over this container's queued change; a claim
     * in progress must not fail for it (its other firings would be lost with it).
     */
    @Override
    public synchronized void refused(String alertId) {
        log.accept(LOG + "Refused write for alert " + alertId + ": a newer version is stored, adopting it");
        try {
            book.replace(alertId, states.load(alertId).orElse(null));
        } catch (RuntimeException e) {
            log.accept(LOG + "Could not read alert " + alertId + "'s newer state (" + e.getMessage() + "); reloading all states next run");
            loadedAt = null;
        }
    }

    /**
     * Writes queued changes in batches at the end of a container's first run, then once the write interval has passed
     * since the last flush that wrote everything: Lambda may recycle a container at any moment, and one that lives for a
     * single run must still leave what it learned (a crossing alert's side, a re-arm). A flush that left writes queued
     * (failed, or out of time) is tried again on the next run. Only the states in {@code heldBack} (fired, claim
     * pending: only their claim may write them) wait. A change another container superseded is refused by the store
     * and its stored version adopted.
     */
    public synchronized void flushIfDue(Instant now, Set<String> heldBack, Deadline deadline) {
        if (lastFlushAt != null && !flushFailed && now.isBefore(lastFlushAt.plus(writeInterval))) return;
        List<AlertState> puts = book.queuedPuts(heldBack);
        List<String> removals = book.queuedRemovals();
        if (puts.isEmpty() && removals.isEmpty()) {
            flushed(now, true);
            return;
        }
        int total = puts.size() + removals.size();
        log.accept(LOG + "Flushing " + total + " pending writes to DynamoDB...");
        StateStore.WriteOutcome outcome = states.writeBatch(puts, removals, deadline);
        for (AlertState state : puts) {
            if (outcome.written().contains(state.alertId())) book.written(state);
        }
        book.removed(outcome.written());
        outcome.superseded().forEach((id, stored) -> {
            log.accept(LOG + "Dropped queued change for alert " + id + ": "
                    + stored.map(s -> "stored version " + s.version() + " is newer").orElse("its state is no longer stored"));
            book.replace(id, stored.orElse(null));
        });
        flushed(now, outcome.failed().isEmpty());
        log.accept(LOG + "Flushed " + outcome.written().size() + "/" + total + " writes to DynamoDB"
                + (outcome.superseded().isEmpty() ? "" : "; " + outcome.superseded().size() + " superseded by a newer container")
                + (outcome.failed().isEmpty() ? "" : "; " + outcome.failed().size() + " stay queued for the next run"));
    }

    /** The interval counts from a flush that wrote everything; one that did not is due again next run. */
    private void flushed(Instant now, boolean everything) {
        flushFailed = !everything;
        if (everything) lastFlushAt = now;
    }

    /** The seed's getCacheStats(): cached states, pending writes, cache age, time since the last flush. */
    public synchronized CacheStats getCacheStats(Instant now) {
        return new CacheStats(book.size(), book.queued(),
                loadedAt == null ? null : Duration.between(loadedAt, now).toMillis(),
                lastFlushAt == null ? null : Duration.between(lastFlushAt, now).toMillis());
    }

    private void load(Instant now) {
        log.accept(LOG + "Loading " + definitions.size() + " alert states from DynamoDB...");
        StateStore.Snapshot snapshot = states.loadAll();
        log.accept(LOG + "Loaded " + snapshot.states().size() + " states from DynamoDB");
        book.reload(snapshot.states());
        book.keepOnly(definitions.keySet());
        ledgersLoaded.accept(snapshot.ledgers());
        loadedAt = now;
    }
}
