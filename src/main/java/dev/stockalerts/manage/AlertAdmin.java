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
 * fails with {@link Busy}: it may be tried again later, nothing half-done is left.
 */
public interface AlertAdmin extends AlertRepository {

    enum Created { CREATED, ID_TAKEN, CAP_REACHED }

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

    /** Creates it unless its id exists or {@code maxAlerts} alerts exist already. */
    Created create(Alert alert, int maxAlerts, Deadline deadline);

    /** Replaces the editable fields, if the stored definition is still at {@code fromRevision}. */
    Edited edit(Alert edited, long fromRevision, Deadline deadline);

    /** @return false if there was no such alert */
    boolean delete(String id, Deadline deadline);

    /** Records a re-arm request on the definition; the scheduled function applies it. @return false if no such alert */
    boolean requestRearm(String id, Instant at, Deadline deadline);
}
