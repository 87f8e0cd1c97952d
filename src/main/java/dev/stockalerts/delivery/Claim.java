package dev.stockalerts.delivery;

import dev.stockalerts.alert.AlertState;

import java.util.List;
import java.util.Objects;

/**
 * One all-or-nothing write made before anything is sent: the fired states (version-conditional), the
 * ledgers listing what they and the retried deliveries owe, and the retried ledgers merged away.
 *
 * @param puts    ledgers to write, each with the attempt the stored copy must have (null: must not exist)
 * @param deletes retried ledgers merged into one of {@code puts}, each with the attempt the stored copy must have
 */
public record Claim(String id, List<AlertState> states, List<LedgerWrite> puts, List<LedgerWrite> deletes) {

    /** A ledger and the attempt its stored copy must have for the write to happen (null: must not exist). */
    public record LedgerWrite(DeliveryLedger ledger, Long expectedAttempt) {
        public LedgerWrite {
            Objects.requireNonNull(ledger, "ledger");
        }
    }

    public Claim {
        Objects.requireNonNull(id, "id");
        states = List.copyOf(states);
        puts = List.copyOf(puts);
        deletes = List.copyOf(deletes);
    }

    public int items() {
        return states.size() + puts.size() + deletes.size();
    }
}
