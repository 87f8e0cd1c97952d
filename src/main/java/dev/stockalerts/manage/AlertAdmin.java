package dev.stockalerts.manage;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.state.AlertRepository;
import dev.stockalerts.time.Deadline;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Alert definitions one at a time, as the API manages them. The scheduled function needs only
 * {@link AlertRepository#loadAll()}. Every change here bumps the alerts revision in the same
 * transaction, and is conditional on the item's existence, so the API can answer 404 without reading first.
 * A change that meets contention (a conflicting transaction, throttling) is retried until its deadline, then
 * fails with {@link Busy}: it may be tried again later, nothing half-done is left. A change made with a
 * {@link RequestMark} writes the mark in its transaction and is {@code REPEATED} (nothing written) when the mark exists.
 */
public interface AlertAdmin extends AlertRepository {

    enum Created { CREATED, ID_TAKEN, CAP_REACHED, REPEATED }

    /** What a delete or a re-arm request with a mark did. */
    enum Changed { CHANGED, NOT_FOUND, REPEATED }

    enum Edited { EDITED, NOT_FOUND, STALE }

    /** One page of definitions in id order; {@code last} is the position to continue after, null on the last page. */
    record Page(List<Alert> alerts, String last) {}

    /** The store stayed contended or throttled until the deadline; worth retrying shortly. */
    final class Busy extends RuntimeException {
        public Busy(String message, Throwable cause) {
            super(message, cause);
        }
    }

    Optional<Alert> get(String id);

    /** At most {@code limit} definitions after the position {@code after} (null: from the first). */
    Page page(int limit, String after);

    /**
     * What page positions depend on besides the ids ("" when nothing): tokens carrying positions are bound to it, so
     * a token issued before the store was laid out anew is refused rather than misread.
     */
    String pageLayout();

    /** Every definition made from this Telegram chat, oldest first within each shard; read strongly. */
    List<Alert> ofTelegramChat(String chat);

    /** Creates it unless its id exists or {@code maxAlerts} alerts exist already. */
    default Created create(Alert alert, int maxAlerts, Deadline deadline) {
        return create(alert, maxAlerts, deadline, null);
    }

    /** The same, at most once for {@code mark}'s request (null: no mark). */
    Created create(Alert alert, int maxAlerts, Deadline deadline, RequestMark mark);

    /** Replaces the editable fields, if the stored definition is still at {@code fromRevision}. */
    Edited edit(Alert edited, long fromRevision, Deadline deadline);

    /** @return false if there was no such alert */
    default boolean delete(String id, Deadline deadline) {
        return delete(id, deadline, null) == Changed.CHANGED;
    }

    /** The same, at most once for {@code mark}'s request (null: no mark). */
    Changed delete(String id, Deadline deadline, RequestMark mark);

    /** Records a re-arm request on the definition; the scheduled function applies it. @return false if no such alert */
    default boolean requestRearm(String id, Instant at, Deadline deadline) {
        return requestRearm(id, at, deadline, null) == Changed.CHANGED;
    }

    /** The same, at most once for {@code mark}'s request (null: no mark). */
    Changed requestRearm(String id, Instant at, Deadline deadline, RequestMark mark);
}
