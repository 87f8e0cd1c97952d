package dev.stockalerts.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Deliveries one claim owes, in one item instead of in every fired state: a firing costs one
 * conditional write, and settling a whole run's deliveries one more. Only the container whose claim
 * wrote it last may send what it owes ({@code claim}); a retry is a new claim of the same ledger,
 * conditional on its {@code attempt}.
 *
 * @param attempt       claims of these deliveries so far (0 for the first): sets the retry backoff
 * @param claim         id of the claim that wrote it last, to read back a claim whose outcome the client never saw
 * @param nextAttemptAt when a retry is due; set at claim time, so a container that dies while sending is retried then
 */
public record DeliveryLedger(String id, long attempt, String claim, Instant nextAttemptAt, List<OwedFiring> owed) {
    public DeliveryLedger {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        owed = List.copyOf(owed);
    }

    public DeliveryLedger withOwed(List<OwedFiring> value) {
        return new DeliveryLedger(id, attempt, claim, nextAttemptAt, value);
    }

    public DeliveryLedger withNextAttemptAt(Instant value) {
        return new DeliveryLedger(id, attempt, claim, value, owed);
    }

    public boolean settled() {
        return owed.isEmpty();
    }
}
