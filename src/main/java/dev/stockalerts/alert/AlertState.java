package dev.stockalerts.alert;

import java.time.Instant;
import java.util.Objects;

/**
 * What the scheduled function remembers about one alert between runs.
 * Only content that changes the outcome of evaluation lives here (no last price or last check time),
 * so a state is dirty only when something meaningful happened. Deliveries a firing still owes are
 * not part of it: they live in delivery ledgers.
 *
 * @param version         the stored version this content was derived from; bumped by each durable write
 * @param triggerRevision the alert's {@link Alert#triggerRevision()} that side and armed were derived under; 0 for a
 *                        state from before definitions could change, read as derived under the first definition
 */
public record AlertState(
        String alertId,
        boolean armed,
        Side side,
        Instant lastFiredAt,
        Double lastFiredPrice,
        int fireCount,
        long version,
        long triggerRevision) {

    public AlertState {
        Objects.requireNonNull(alertId, "alertId");
        side = side == null ? Side.UNKNOWN : side;
    }

    /** A state derived under the alert's first definition. */
    public AlertState(String alertId, boolean armed, Side side, Instant lastFiredAt, Double lastFiredPrice, int fireCount,
                      long version) {
        this(alertId, armed, side, lastFiredAt, lastFiredPrice, fireCount, version, 0);
    }

    /** A never-evaluated alert: armed, side unknown, never stored. */
    public static AlertState initial(String alertId) {
        return new AlertState(alertId, true, Side.UNKNOWN, null, null, 0, 0, 0);
    }

    public AlertState withArmed(boolean value) {
        return new AlertState(alertId, value, side, lastFiredAt, lastFiredPrice, fireCount, version, triggerRevision);
    }

    public AlertState withSide(Side value) {
        return new AlertState(alertId, armed, value, lastFiredAt, lastFiredPrice, fireCount, version, triggerRevision);
    }

    public AlertState fired(Instant at, double price) {
        return new AlertState(alertId, armed, side, at, price, fireCount + 1, version, triggerRevision);
    }

    public AlertState withVersion(long value) {
        return new AlertState(alertId, armed, side, lastFiredAt, lastFiredPrice, fireCount, value, triggerRevision);
    }

    public AlertState withTriggerRevision(long value) {
        return new AlertState(alertId, armed, side, lastFiredAt, lastFiredPrice, fireCount, version, value);
    }

    /** Same content, ignoring the version: a state equal in content to its stored copy is not dirty. */
    public boolean sameContentAs(AlertState other) {
        return other != null && withVersion(0).equals(other.withVersion(0));
    }
}
