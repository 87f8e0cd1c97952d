package dev.stockalerts.state;

import dev.stockalerts.alert.AlertState;
import dev.stockalerts.delivery.DeliveryLedger;
import dev.stockalerts.time.Deadline;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Where alert states persist. Written by the scheduled function only. */
public interface StateStore extends StateReader {

    /** Every stored state and every delivery ledger, in as few paginated reads as the store allows. */
    Snapshot loadAll();

    record Snapshot(List<AlertState> states, List<DeliveryLedger> ledgers) {}

    /**
     * Batched writes that refuse superseded changes: each state is stored as version {@code state.version() + 1} only
     * if the stored version is still {@code state.version()} (0: none stored), checked by a strongly consistent read of
     * the batch made immediately before it; a state another container moved on meanwhile is not written but returned
     * in {@link WriteOutcome#superseded()}. Ids in {@code deletes} are removed. Writes the store could not take, even
     * after retries, or not before the deadline, are reported in {@link WriteOutcome#failed()} rather than thrown, so
     * callers keep them queued.
     *
     * <p>A batch write cannot be conditional itself: a write that lands between a batch's read and the batch (the
     * time of one call) is overwritten. README, "Overlapping containers", says what that can cost.
     */
    WriteOutcome writeBatch(Collection<AlertState> puts, Collection<String> deletes, Deadline deadline);

    /**
     * Ids written; ids that failed (throttled, errors, out of time: retry later); and changes refused because a newer
     * version is stored, with that version (absent when the state is no longer stored).
     */
    record WriteOutcome(Set<String> written, Set<String> failed, Map<String, Optional<AlertState>> superseded) {
        public WriteOutcome {
            written = Collections.unmodifiableSet(new LinkedHashSet<>(written));
            failed = Collections.unmodifiableSet(new LinkedHashSet<>(failed));
            superseded = Collections.unmodifiableMap(new LinkedHashMap<>(superseded));
        }
    }
}
