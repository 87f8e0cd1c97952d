package dev.stockalerts.delivery;

import java.util.Set;

/**
 * What became of a claim.
 *
 * @param refusedStates  alert ids whose stored state is newer than the one claimed (only with REFUSED)
 * @param refusedLedgers ids of ledgers whose stored attempt moved on: another container took them (only with REFUSED)
 */
public record ClaimResult(Status status, Set<String> refusedStates, Set<String> refusedLedgers) {

    public enum Status {
        /** Written: what it owes may be sent. */
        COMMITTED,
        /** Nothing written because conditions failed; the rest may be claimed again without them. */
        REFUSED,
        /** Nothing written (throttled, invalid, out of retries): claim again on a later run. */
        FAILED,
        /** The store may or may not have written it (no answer, a 500): read back before doing anything else. */
        IN_DOUBT
    }

    public static final ClaimResult COMMITTED = new ClaimResult(Status.COMMITTED, Set.of(), Set.of());
    public static final ClaimResult FAILED = new ClaimResult(Status.FAILED, Set.of(), Set.of());
    public static final ClaimResult IN_DOUBT = new ClaimResult(Status.IN_DOUBT, Set.of(), Set.of());

    public ClaimResult {
        refusedStates = Set.copyOf(refusedStates);
        refusedLedgers = Set.copyOf(refusedLedgers);
    }

    public static ClaimResult refused(Set<String> states, Set<String> ledgers) {
        return new ClaimResult(Status.REFUSED, states, ledgers);
    }
}
