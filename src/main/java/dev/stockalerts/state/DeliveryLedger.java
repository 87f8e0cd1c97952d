package dev.stockalerts.state;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The deliveries one claim still owes, kept in one item instead of in every fired state: a firing
 * then costs one conditional write, and settling a whole run's deliveries costs one more.
 *
 * @param attempt bumped (conditionally) by whoever retries these deliveries, so two containers never both do
 */
public record DeliveryLedger(String id, long attempt, List<Owed> owed) {

    /** One firing's owed channels; {@code fireCount} ties it to that firing, not a later one. */
    public record Owed(String alertId, int fireCount, List<String> channels) {
        public Owed {
            Objects.requireNonNull(alertId, "alertId");
            channels = List.copyOf(channels);
        }
    }

    public DeliveryLedger {
        Objects.requireNonNull(id, "id");
        owed = List.copyOf(owed);
    }

    public DeliveryLedger withNextAttempt() {
        return new DeliveryLedger(id, attempt + 1, owed);
    }

    public DeliveryLedger without(Collection<String> alertIds) {
        return new DeliveryLedger(id, attempt, owed.stream().filter(o -> !alertIds.contains(o.alertId())).toList());
    }
}
