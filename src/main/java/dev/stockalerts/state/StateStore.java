package dev.stockalerts.state;

import dev.stockalerts.alert.AlertState;
import dev.stockalerts.delivery.DeliveryLedger;
import dev.stockalerts.time.Deadline;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Where alert states persist. Written by the scheduled function only. */
public interface StateStore extends StateReader {

    /** Every stored state and every delivery ledger, in as few paginated reads as the store allows. */
    Snapshot loadAll();

    record Snapshot(List<AlertState> states, List<DeliveryLedger> ledgers) {}

    /**
     * Batched, unconditional writes: each state is stored with version {@code state.version() + 1};
     * ids in {@code deletes} are removed. Writes the store could not take, even after retries, or not
     * before the deadline, are reported in {@link WriteOutcome#failed()} rather than thrown, so callers
     * keep them queued.
     */
    WriteOutcome writeBatch(Collection<AlertState> puts, Collection<String> deletes, Deadline deadline);

    /** Ids written, and ids that failed (throttled, errors, out of time: retry later). */
    record WriteOutcome(Set<String> written, Set<String> failed) {}
}
