package dev.stockalerts.state;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Which delivery ledgers this container knows, which ledger each owing alert is in, and the
 * settlements not yet written. Part of the state cache; holds no alert states itself.
 */
final class LedgerBook {
    private final StateStore store;
    private final Consumer<String> log;
    private final Map<String, DeliveryLedger> ledgers = new HashMap<>();
    private final Map<String, String> ledgerOf = new HashMap<>();
    /** Settlements that could not be written yet: ledger id → what it still owes. */
    private final Map<String, List<DeliveryLedger.Owed>> unsettled = new LinkedHashMap<>();

    LedgerBook(StateStore store, Consumer<String> log) {
        this.store = store;
        this.log = log;
    }

    /** The ledger an alert's owed delivery is in, or null for a firing not yet claimed. */
    String ledgerOf(String alertId) {
        return ledgerOf.get(alertId);
    }

    void claimed(DeliveryLedger ledger) {
        ledgers.put(ledger.id(), ledger);
        ledger.owed().forEach(o -> ledgerOf.put(o.alertId(), ledger.id()));
    }

    /** Claims the retry of a ledger's deliveries; false if another container has it (or it is settled). */
    boolean claimRetry(String ledgerId) {
        DeliveryLedger ledger = ledgers.get(ledgerId);
        if (store.claimRetry(ledger)) {
            ledgers.put(ledgerId, ledger.withNextAttempt());
            return true;
        }
        ledgers.remove(ledgerId);
        ledger.owed().forEach(o -> ledgerOf.remove(o.alertId()));
        return false;
    }

    void forget(String alertId) {
        ledgerOf.remove(alertId);
    }

    /** Writes what a ledger still owes (deleted when nothing); kept and retried every run until written. */
    void settle(String ledgerId, List<DeliveryLedger.Owed> left) {
        try {
            store.settle(ledgerId, left);
            unsettled.remove(ledgerId);
            DeliveryLedger known = ledgers.get(ledgerId);
            if (left.isEmpty()) ledgers.remove(ledgerId);
            else ledgers.put(ledgerId, new DeliveryLedger(ledgerId, known == null ? 0 : known.attempt(), left));
        } catch (RuntimeException e) {
            // Until this is written a fresh container would send these again: keep trying every run.
            log.accept("[KV Cache] Could not settle ledger " + ledgerId + ", retrying next run: " + e.getMessage());
            unsettled.put(ledgerId, left);
        }
    }

    void retryUnsettled() {
        new LinkedHashMap<>(unsettled).forEach(this::settle);
    }

    /**
     * Replaces what is known with freshly loaded ledgers, a settlement this container could not write
     * yet taking precedence over the stored copy. Returns every owed entry, for the cache to match.
     */
    List<DeliveryLedger.Owed> reload(List<DeliveryLedger> loaded) {
        ledgers.clear();
        ledgerOf.clear();
        for (DeliveryLedger stored : loaded) {
            List<DeliveryLedger.Owed> mine = unsettled.get(stored.id());
            DeliveryLedger ledger = mine == null ? stored : new DeliveryLedger(stored.id(), stored.attempt(), mine);
            ledgers.put(ledger.id(), ledger);
            ledger.owed().forEach(o -> ledgerOf.put(o.alertId(), ledger.id()));
        }
        return ledgers.values().stream().flatMap(l -> l.owed().stream()).toList();
    }
}
