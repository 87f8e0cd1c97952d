package dev.stockalerts.delivery;

import dev.stockalerts.alert.AlertState;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Unit-test stand-in for DynamoDB's claims and ledgers, with the same conditions (state versions, ledger
 * attempts, the claim a settlement must match) and scripted faults: a claim that fails, or whose answer is
 * lost after it did or did not commit; settlements and read-backs that throw. The DynamoDB adapter itself
 * is tested on DynamoDB Local.
 */
final class InMemoryLedgerStore implements LedgerStore, FiringHistory {
    enum ClaimFault { FAIL, LOSE_ANSWER_AFTER_COMMIT, LOSE_ANSWER_BEFORE_COMMIT }

    final Map<String, AlertState> states = new LinkedHashMap<>();
    final Map<String, DeliveryLedger> ledgers = new LinkedHashMap<>();
    /** Firing records by alert id and fire count. */
    final Map<String, FiringRecord> history = new LinkedHashMap<>();
    int failingHistoryWrites;
    final Deque<ClaimFault> claimFaults = new ArrayDeque<>();
    int failingSettles;
    int failingReads;
    int claims;
    int settles;
    /** Firing records written, rewrites included. */
    int recordsWritten;
    int maxItems = 100;

    @Override
    public int maxClaimItems() {
        return maxItems;
    }

    @Override
    public ClaimResult claim(Claim claim) {
        claims++;
        if (claim.items() > maxItems) throw new IllegalArgumentException("claim of " + claim.items() + " items");
        ClaimFault fault = claimFaults.poll();
        if (fault == ClaimFault.FAIL) return ClaimResult.FAILED;
        if (fault == ClaimFault.LOSE_ANSWER_BEFORE_COMMIT) return ClaimResult.IN_DOUBT;
        Set<String> refusedStates = new LinkedHashSet<>();
        Set<String> refusedLedgers = new LinkedHashSet<>();
        for (AlertState s : claim.states()) {
            AlertState stored = states.get(s.alertId());
            if ((stored == null ? 0 : stored.version()) != s.version() || (stored == null && s.version() != 0)) refusedStates.add(s.alertId());
        }
        for (Claim.LedgerWrite w : claim.puts()) if (!matches(w)) refusedLedgers.add(w.ledger().id());
        for (Claim.LedgerWrite w : claim.deletes()) if (!matches(w)) refusedLedgers.add(w.ledger().id());
        if (!refusedStates.isEmpty() || !refusedLedgers.isEmpty()) return ClaimResult.refused(refusedStates, refusedLedgers);
        claim.states().forEach(s -> states.put(s.alertId(), s.withVersion(s.version() + 1)));
        claim.deletes().forEach(w -> ledgers.remove(w.ledger().id()));
        claim.puts().forEach(w -> ledgers.put(w.ledger().id(), w.ledger()));
        return fault == ClaimFault.LOSE_ANSWER_AFTER_COMMIT ? ClaimResult.IN_DOUBT : ClaimResult.COMMITTED;
    }

    private boolean matches(Claim.LedgerWrite w) {
        DeliveryLedger stored = ledgers.get(w.ledger().id());
        return w.expectedAttempt() == null ? stored == null : stored != null && stored.attempt() == w.expectedAttempt();
    }

    @Override
    public Optional<DeliveryLedger> ledger(String id) {
        if (failingReads > 0) {
            failingReads--;
            throw new IllegalStateException("read-back failed");
        }
        return Optional.ofNullable(ledgers.get(id));
    }

    @Override
    public boolean settle(DeliveryLedger ledger, List<FiringRecord> records, boolean justClaimed) {
        settles++;
        if (failingSettles > 0) {
            failingSettles--;
            throw new IllegalStateException("throttled");
        }
        if (!record(records).isEmpty()) throw new IllegalStateException("history not written");
        DeliveryLedger stored = ledgers.get(ledger.id());
        if (stored == null && ledger.settled()) return true; // deleted already, by this settlement
        if (stored == null || !stored.claim().equals(ledger.claim())) return false;
        if (ledger.settled()) ledgers.remove(ledger.id());
        else ledgers.put(ledger.id(), ledger);
        return true;
    }

    @Override
    public List<FiringRecord> record(List<FiringRecord> records) {
        if (failingHistoryWrites > 0) {
            failingHistoryWrites--;
            return List.copyOf(records);
        }
        records.forEach(r -> history.put(r.alertId() + "#" + r.firing().fireCount(), r));
        recordsWritten += records.size();
        return List.of();
    }
}
