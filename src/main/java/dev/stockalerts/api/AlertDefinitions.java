package dev.stockalerts.api;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.config.ConfigStore;
import dev.stockalerts.notify.AdminNotifier;
import dev.stockalerts.state.AlertAdmin;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Alert definitions as the API changes them. Every change bumps the config's alerts revision: the
 * scheduled function reads the config item anyway (cached one minute) and re-reads definitions only
 * when the revision moved, instead of querying them on every run.
 */
public final class AlertDefinitions {
    private final AlertAdmin alerts;
    private final ConfigStore config;
    private final AdminNotifier admin;
    private final Consumer<String> log;

    public AlertDefinitions(AlertAdmin alerts, ConfigStore config, AdminNotifier admin, Consumer<String> log) {
        this.alerts = alerts;
        this.config = config;
        this.admin = admin;
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

    /**
     * The change itself is durable by now, so a failed bump must not turn it into an error the client
     * would retry (creating a duplicate): the scheduled function still sees it at its next full reload.
     */
    private void changed(String id, String what) {
        try {
            long revision = config.bumpAlertsRevision();
            log.accept("[API] Alert " + id + " " + what + "; alerts revision is now " + revision);
        } catch (RuntimeException e) {
            admin.notice("alerts-revision", "alert " + id + " " + what + " but the alerts revision could not be bumped ("
                    + e.getMessage() + "); the scheduled function picks the change up at its next full reload (STATE_CACHE_TTL)");
        }
    }
}
