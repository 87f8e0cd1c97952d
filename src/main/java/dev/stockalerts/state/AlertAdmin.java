package dev.stockalerts.state;

import dev.stockalerts.alert.Alert;

import java.time.Instant;
import java.util.Optional;

/**
 * Alert definitions one at a time, as the API manages them. The scheduled function needs only
 * {@link AlertRepository#loadAll()}. Every change here bumps the alerts revision in the same
 * transaction, and is conditional on the item's existence, so the
 * API can answer 404 without reading first.
 */
public interface AlertAdmin extends AlertRepository {

    Optional<Alert> get(String id);

    /** @return false if an alert with this id already exists (nothing written) */
    boolean create(Alert alert);

    /** @return false if there was no such alert */
    boolean delete(String id);

    /** Records a re-arm request on the definition; the scheduled function applies it. @return false if no such alert */
    boolean requestRearm(String id, Instant at);
}
