package dev.stockalerts.state;

import dev.stockalerts.alert.AlertState;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Where alert states persist. Written by the scheduled function only. */
public interface StateStore extends StateReader {

    /** Every stored state, in as few paginated reads as the store allows. */
    List<AlertState> loadAll();

    /**
     * Batched, unconditional writes: each state is stored with version {@code state.version() + 1};
     * ids in {@code deletes} are removed. Writes the store could not take, even after retries, are
     * reported in {@link WriteOutcome#failed()} rather than thrown, so callers keep them queued.
     */
    WriteOutcome writeBatch(Collection<AlertState> puts, Collection<String> deletes);

    /**
     * Durable writes conditional on the version each state was derived from: a state is stored
     * with version {@code version() + 1} only if the stored copy still has {@code version()}
     * (or is absent when that is 0). Used before a notification goes out.
     */
    WriteOutcome writeIfUnchanged(Collection<AlertState> states);

    /** Ids written, refused because a newer version is stored, and failed (throttled, errors: retry later). */
    record WriteOutcome(Set<String> written, Set<String> refused, Set<String> failed) {}
}
