package dev.stockalerts.delivery;

import java.util.Optional;

/** Where claims and delivery ledgers persist. Written by the scheduled function only. */
public interface LedgerStore {

    /** How many states and ledgers one claim may write at most (the store's transaction limit). */
    int maxClaimItems();

    /**
     * Writes the whole claim or nothing: each state with version {@code version() + 1} if the stored copy
     * still has {@code version()} (absent when 0), each ledger put or deleted if its stored attempt is the
     * expected one (absent for a new ledger). Throttles and conflicts are retried inside.
     */
    ClaimResult claim(Claim claim);

    /** One ledger read strongly: tells whether a claim in doubt committed (its id is the ledger's {@code claim}). */
    Optional<DeliveryLedger> ledger(String id);

    /**
     * Records what a ledger still owes after sending (deleted when nothing, rewritten otherwise), and the
     * history of its firings. Written only if the stored ledger is still the one {@code ledger.claim()} wrote.
     *
     * @param justClaimed this container claimed the ledger in this run, so its retry is not due and nobody else can
     *                    have taken it over: the write need not be checked (the ledger's delete or rewrite then goes in
     *                    one call with the history)
     * @return false when another claim took the ledger over since (nothing written)
     * @throws RuntimeException when the store failed: the caller keeps the settlement and tries again
     */
    boolean settle(DeliveryLedger ledger, java.util.List<FiringRecord> history, boolean justClaimed);
}
