package dev.stockalerts.api;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.state.AlertAdmin;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Alert definitions as the API changes them. Every change bumps the config's alerts revision in the
 * same transaction: the scheduled function reads the config item anyway (cached one minute) and
 * re-reads definitions only when the revision moved, instead of querying them on every run.
 */
public final class AlertDefinitions {
    private final AlertAdmin alerts;
    private final Consumer<String> log;

    public AlertDefinitions(AlertAdmin alerts, Consumer<String> log) {
        this.alerts = alerts;
        this.log = log;
    }

    /** Every alert, oldest first (ids are random, so their order means nothing). */
    public List<Alert> all() {
        return alerts.loadAll().stream()
                .sorted(Comparator.comparing(Alert::createdAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(Alert::id))
                .toList();
    }

    public Optional<Alert> get(String id) {
        return alerts.get(id);
    }

    public void create(Alert alert) {
        // A random UUID colliding is not a case to handle, only to notice.
        if (!alerts.create(alert)) throw new IllegalStateException("alert id " + alert.id() + " already exists");
        changed(alert.id(), "created");
    }

    /** @return false if there was no such alert */
    public boolean delete(String id) {
        if (!alerts.delete(id)) return false;
        changed(id, "deleted");
        return true;
    }

    /** @return false if there was no such alert */
    public boolean requestRearm(String id, Instant at) {
        if (!alerts.requestRearm(id, at)) return false;
        changed(id, "re-arm requested");
        return true;
    }

    private void changed(String id, String what) {
        log.accept("[API] Alert " + id + " " + what + "; alerts revision bumped in the same transaction");
    }
}
