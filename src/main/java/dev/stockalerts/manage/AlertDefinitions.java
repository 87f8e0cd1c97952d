package dev.stockalerts.manage;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.time.Deadline;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Alert definitions as the API changes them. Every change bumps the config's alerts revision in the
 * same transaction: the scheduled function reads the config item anyway (cached one minute) and
 * re-reads definitions only when the revision moved, instead of querying them on every run.
 */
public final class AlertDefinitions {
    /** An edit that keeps meeting a concurrent edit is retried this often, then answered as busy. */
    private static final int EDIT_ATTEMPTS = 5;

    private final AlertAdmin alerts;
    private final int maxAlerts;
    private final Consumer<String> log;

    public AlertDefinitions(AlertAdmin alerts, int maxAlerts, Consumer<String> log) {
        this.alerts = alerts;
        this.maxAlerts = maxAlerts;
        this.log = log;
    }

    public int maxAlerts() {
        return maxAlerts;
    }

    /** A page of alerts, oldest first (ids are time-ordered; among shards, each shard's oldest first). */
    public AlertAdmin.Page page(int limit, String after) {
        return alerts.page(limit, after);
    }

    /** What page positions depend on besides ids: the shards ("" when unsharded). */
    public String pageLayout() {
        return alerts.pageLayout();
    }

    public Optional<Alert> get(String id) {
        return alerts.get(id);
    }

    /** @return false when {@link #maxAlerts()} alerts exist already */
    public boolean create(Alert alert, Deadline deadline) {
        AlertAdmin.Created created = alerts.create(alert, maxAlerts, deadline);
        // A time-ordered id colliding is not a case to handle, only to notice.
        if (created == AlertAdmin.Created.ID_TAKEN) throw new IllegalStateException("alert id " + alert.id() + " already exists");
        if (created == AlertAdmin.Created.CAP_REACHED) return false;
        changed(alert.id(), "created");
        return true;
    }

    /**
     * Applies {@code edit} to the stored definition and stores the result, conditional on the revision it was made
     * from. When another edit landed in between, the edit is applied again to that one, so none is lost.
     * {@code edit} may throw to refuse. @return the definition as stored, empty if there is no such alert
     */
    public Optional<Alert> edit(String id, UnaryOperator<Alert> edit, Deadline deadline) {
        for (int attempt = 1; attempt <= EDIT_ATTEMPTS && !deadline.expired(); attempt++) {
            Optional<Alert> current = alerts.get(id);
            if (current.isEmpty()) return current;
            Alert edited = edit.apply(current.get());
            if (edited.equals(current.get())) return current; // nothing changed: nothing to write or re-read
            switch (alerts.edit(edited, current.get().revision(), deadline)) {
                case EDITED -> {
                    changed(id, "edited (revision " + edited.revision() + ")");
                    return Optional.of(edited);
                }
                case NOT_FOUND -> {
                    return Optional.empty();
                }
                case STALE -> log.accept("[API] Alert " + id + " was edited concurrently; applying the edit again");
            }
        }
        throw new AlertAdmin.Busy("alert " + id + " kept changing while being edited", null);
    }

    /** @return false if there was no such alert */
    public boolean delete(String id, Deadline deadline) {
        if (!alerts.delete(id, deadline)) return false;
        changed(id, "deleted");
        return true;
    }

    /** @return false if there was no such alert */
    public boolean requestRearm(String id, Instant at, Deadline deadline) {
        if (!alerts.requestRearm(id, at, deadline)) return false;
        changed(id, "re-arm requested");
        return true;
    }

    private void changed(String id, String what) {
        log.accept("[API] Alert " + id + " " + what + "; alerts revision bumped in the same transaction");
    }
}
