package dev.stockalerts.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What this container knows of deliveries: the ledgers as last stored, firings not yet claimed, claims
 * in doubt, and settlements not yet written (which win over the stored copy until they land).
 */
final class LedgerBook {
    private final Map<String, DeliveryLedger> known = new LinkedHashMap<>();
    /** A settlement not yet written: the ledger as it should be stored, and its firings' history. */
    record Settlement(DeliveryLedger ledger, List<FiringRecord> history) {}

    private final Map<String, Settlement> unsettled = new LinkedHashMap<>();
    private final List<FiringRecord> unrecorded = new ArrayList<>();
    private final List<OwedFiring> pending = new ArrayList<>();
    private final List<ClaimPlanner.Planned> inDoubt = new ArrayList<>();

    void reload(List<DeliveryLedger> stored) {
        known.clear();
        stored.forEach(l -> known.put(l.id(), l));
        unsettled.forEach((id, mine) -> {
            if (mine.ledger().settled()) known.remove(id);
            else known.put(id, mine.ledger());
        });
    }

    void owe(OwedFiring firing) {
        pending.add(firing);
    }

    List<OwedFiring> takePending() {
        List<OwedFiring> taken = List.copyOf(pending);
        pending.clear();
        return taken;
    }

    Set<String> heldBack() {
        Set<String> ids = new LinkedHashSet<>();
        pending.forEach(o -> ids.add(o.alertId()));
        inDoubt.forEach(p -> p.fresh().forEach(o -> ids.add(o.alertId())));
        return ids;
    }

    /** Known ledgers this container may retry: not waiting for its own settlement, not part of a claim in doubt. */
    List<DeliveryLedger> retryable() {
        Set<String> busy = new LinkedHashSet<>(unsettled.keySet());
        for (ClaimPlanner.Planned p : inDoubt) {
            p.claim().puts().forEach(w -> busy.add(w.ledger().id()));
            p.retried().keySet().forEach(l -> busy.add(l.id()));
        }
        return known.values().stream().filter(l -> !busy.contains(l.id())).toList();
    }

    void committed(ClaimPlanner.Planned plan) {
        plan.claim().deletes().forEach(w -> known.remove(w.ledger().id()));
        plan.claim().puts().forEach(w -> known.put(w.ledger().id(), w.ledger()));
    }

    void inDoubt(ClaimPlanner.Planned plan) {
        inDoubt.add(plan);
    }

    List<ClaimPlanner.Planned> inDoubt() {
        return List.copyOf(inDoubt);
    }

    /** A claim in doubt read back: committed (its ledgers are retried when due), or not (its firings wait for a claim). */
    void resolved(ClaimPlanner.Planned plan, boolean committed) {
        inDoubt.remove(plan);
        if (committed) committed(plan);
        else pending.addAll(0, plan.fresh());
    }

    void forget(String ledgerId) {
        known.remove(ledgerId);
        unsettled.remove(ledgerId);
    }

    List<Settlement> unsettled() {
        return List.copyOf(unsettled.values());
    }

    /** History records the store could not take yet; taken out to be written again. */
    List<FiringRecord> takeUnrecorded() {
        List<FiringRecord> taken = List.copyOf(unrecorded);
        unrecorded.clear();
        return taken;
    }

    void unrecorded(List<FiringRecord> records) {
        unrecorded.addAll(records);
    }

    /** Writes a settlement; one the store could not take is kept and tried again on every run until it lands. */
    void settle(LedgerStore store, Settlement settlement, boolean justClaimed, Consumer<String> log) {
        DeliveryLedger ledger = settlement.ledger();
        boolean written;
        try {
            written = store.settle(ledger, settlement.history(), justClaimed);
        } catch (RuntimeException e) {
            log.accept("[Delivery] Could not settle ledger " + ledger.id() + ", retrying next run: " + e.getMessage());
            unsettled.put(ledger.id(), settlement);
            if (ledger.settled()) known.remove(ledger.id());
            else known.put(ledger.id(), ledger);
            return;
        }
        unsettled.remove(ledger.id());
        if (!written) {
            log.accept("[Delivery] Ledger " + ledger.id() + " was claimed by another container since; leaving it to that one");
            known.remove(ledger.id());
        } else if (ledger.settled()) {
            known.remove(ledger.id());
        } else {
            known.put(ledger.id(), ledger);
        }
    }

    /** When the earliest other known ledger owing one of {@code channels} is retried, if any owes one. */
    Optional<Instant> retryOfOther(String ledgerId, Set<String> channels) {
        return known.values().stream()
                .filter(l -> !l.id().equals(ledgerId))
                .filter(l -> l.owed().stream().anyMatch(o -> o.channels().stream().anyMatch(c -> channels.contains(c.name()))))
                .map(DeliveryLedger::nextAttemptAt)
                .min(Instant::compareTo);
    }

    /** Channels still owed: by known ledgers and by firings not yet claimed. */
    int owedChannels() {
        int owed = pending.stream().mapToInt(o -> o.channels().size()).sum();
        for (DeliveryLedger l : known.values()) owed += l.owed().stream().mapToInt(o -> o.channels().size()).sum();
        return owed;
    }
}
