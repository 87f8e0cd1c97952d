package dev.stockalerts.state;

import dev.stockalerts.alert.AlertState;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Where alert states persist. Written by the scheduled function only. */
public interface StateStore extends StateReader {
    /** States per claim: a transaction takes 100 items, one of them the ledger. */
    int MAX_CLAIM = 99;

    /** Every stored state and every unsettled ledger, in as few paginated reads as the store allows. */
    Snapshot loadAll();

    record Snapshot(List<AlertState> states, List<DeliveryLedger> ledgers) {}

    /**
     * Batched, unconditional writes: each state is stored with version {@code state.version() + 1};
     * ids in {@code deletes} are removed. Writes the store could not take, even after retries, are
     * reported in {@link WriteOutcome#failed()} rather than thrown, so callers keep them queued.
     */
    WriteOutcome writeBatch(Collection<AlertState> puts, Collection<String> deletes);

    /**
     * Claims firings before anything is sent, in one transaction per batch: each state is stored with
     * version {@code version() + 1} only if the stored copy still has {@code version()} (or is absent
     * when that is 0), together with the ledger of what they owe. States are not stored with their
     * pending channels; the ledger holds those. Refused states are left out and the rest retried.
     */
    WriteOutcome claim(Collection<AlertState> states, DeliveryLedger ledger);

    /** Claims a retry of a ledger's deliveries: true if its attempt was still {@code ledger.attempt()}. */
    boolean claimRetry(DeliveryLedger ledger);

    /** Records what a ledger still owes after sending: deleted when nothing, rewritten otherwise. */
    void settle(String ledgerId, List<DeliveryLedger.Owed> remaining);

    /** Ids written, refused because a newer version is stored, and failed (throttled, errors: retry later). */
    record WriteOutcome(Set<String> written, Set<String> refused, Set<String> failed) {}
}
