package dev.stockalerts.manage;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.time.Deadline;

import java.time.Instant;
import java.util.List;
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

    /** The alerts made from a Telegram chat, oldest first (per shard). */
    public List<Alert> ofTelegramChat(String chat) {
        return alerts.ofTelegramChat(chat);
    }

    /** @return false when {@link #maxAlerts()} alerts exist already */
    public boolean create(Alert alert, Deadline deadline) {
        return create(alert, deadline, null) == AlertAdmin.Created.CREATED;
    }

    /**
     * Creates it, at most once for {@code mark}'s request (null: no mark). @return CREATED, CAP_REACHED when
     * {@link #maxAlerts()} alerts exist already, or REPEATED when the mark was there (nothing written)
     */
    public AlertAdmin.Created create(Alert alert, Deadline deadline, RequestMark mark) {
        AlertAdmin.Created created = alerts.create(alert, maxAlerts, deadline, mark);
        // A time-ordered id colliding is not a case to handle, only to notice.
        if (created == AlertAdmin.Created.ID_TAKEN) throw new IllegalStateException("alert id " + alert.id() + " already exists");
        if (created == AlertAdmin.Created.CREATED) changed(alert.id(), "created");
        return created;
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
        return delete(id, deadline, null) == AlertAdmin.Changed.CHANGED;
    }

    /** Deletes it, at most once for {@code mark}'s request (null: no mark). */
    public AlertAdmin.Changed delete(String id, Deadline deadline, RequestMark mark) {
        AlertAdmin.Changed result = alerts.delete(id, deadline, mark);
        if (result == AlertAdmin.Changed.CHANGED) changed(id, "deleted");
        return result;
    }

    /** @return false if there was no such alert */
    public boolean requestRearm(String id, Instant at, Deadline deadline) {
        return requestRearm(id, at, deadline, null) == AlertAdmin.Changed.CHANGED;
    }

    /** Records a re-arm request, at most once for {@code mark}'s request (null: no mark). */
    public AlertAdmin.Changed requestRearm(String id, Instant at, Deadline deadline, RequestMark mark) {
        AlertAdmin.Changed result = alerts.requestRearm(id, at, deadline, mark);
        if (result == AlertAdmin.Changed.CHANGED) changed(id, "re-arm requested");
        return result;
    }

    private void changed(String id, String what) {
        log.accept("[API] Alert " + id + " " + what + "; alerts revision bumped in the same transaction");
    }
}
