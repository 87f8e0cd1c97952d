package dev.stockalerts.state;

import dev.stockalerts.alert.AlertState;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The states a container holds: each as last stored (whose version a conditional write builds on), as current (with
 * the changes not written yet), and what is queued: states to put, states of deleted alerts to remove.
 */
final class StateBook {
    private final Map<String, AlertState> stored = new HashMap<>();
    private final Map<String, AlertState> current = new HashMap<>();
    private final Set<String> dirty = new LinkedHashSet<>();
    private final Set<String> deletes = new LinkedHashSet<>();
    private final Consumer<String> log;

    StateBook(Consumer<String> log) {
        this.log = log;
    }

    AlertState state(String alertId) {
        AlertState state = current.get(alertId);
        return state != null ? state : AlertState.initial(alertId);
    }

    /** Records a new state; only a change of content against the stored one queues a write. */
    void update(AlertState next) {
        String id = next.alertId();
        if (next.equals(state(id))) return;
        current.put(id, next);
        AlertState persisted = stored.get(id);
        if (persisted != null ? next.sameContentAs(persisted) : next.sameContentAs(AlertState.initial(id))) {
            dirty.remove(id);
        } else if (dirty.add(id)) {
            log.accept(AlertStateCache.LOG + "Queued state update for alert " + id);
        }
    }

    /** This state was stored: it is now the stored version, and no longer queued unless changed since. */
    void written(AlertState state) {
        AlertState written = state.withVersion(state.version() + 1);
        stored.put(state.alertId(), written);
        AlertState now = current.get(state.alertId());
        if (now == null || now.equals(state)) {
            current.put(state.alertId(), written);
            dirty.remove(state.alertId());
        } else {
            // A newer in-memory change made meanwhile keeps its content but now builds on the new version.
            current.put(state.alertId(), now.withVersion(written.version()));
        }
    }

    /** The stored copy (null: none) replaces ours, queued change and all. */
    void replace(String alertId, AlertState newer) {
        dirty.remove(alertId);
        if (newer == null) {
            stored.remove(alertId);
            current.remove(alertId);
        } else {
            stored.put(alertId, newer);
            current.put(alertId, newer);
        }
    }

    /** The table's states replace ours; a queued change survives unless the table holds a newer version. */
    void reload(Collection<AlertState> loaded) {
        Map<String, AlertState> queued = new HashMap<>();
        for (String id : dirty) queued.put(id, current.get(id));
        stored.clear();
        current.clear();
        dirty.clear();
        for (AlertState state : loaded) {
            stored.put(state.alertId(), state);
            current.put(state.alertId(), state);
        }
        queued.forEach((id, mine) -> {
            AlertState theirs = stored.get(id);
            if (theirs != null && theirs.version() > mine.version()) {
                log.accept(AlertStateCache.LOG + "Dropped queued change for alert " + id + ": stored version "
                        + theirs.version() + " is newer");
            } else {
                update(mine);
            }
        });
    }

    /** States of alerts not in {@code alertIds} leave memory now and are queued for removal if stored. */
    void keepOnly(Set<String> alertIds) {
        for (String id : List.copyOf(current.keySet())) {
            if (alertIds.contains(id)) continue;
            current.remove(id);
            dirty.remove(id);
            if (stored.remove(id) != null) deletes.add(id);
        }
    }

    List<AlertState> queuedPuts(Set<String> heldBack) {
        return dirty.stream().filter(id -> !heldBack.contains(id)).map(current::get).toList();
    }

    List<String> queuedRemovals() {
        return List.copyOf(deletes);
    }

    void removed(Set<String> alertIds) {
        deletes.removeIf(alertIds::contains);
    }

    int size() {
        return current.size();
    }

    int queued() {
        return dirty.size() + deletes.size();
    }
}
