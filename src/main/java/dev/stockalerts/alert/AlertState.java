package dev.stockalerts.alert;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the scheduled function remembers about one alert between runs.
 * Only content that changes the outcome of evaluation lives here (no last price or last check time),
 * so a state is dirty only when something meaningful happened.
 *
 * @param pendingChannels channels of the last firing that have not yet confirmed delivery
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
        List<String> pendingChannels,
        long version,
        long triggerRevision) {

    public AlertState {
        Objects.requireNonNull(alertId, "alertId");
        side = side == null ? Side.UNKNOWN : side;
        pendingChannels = pendingChannels == null ? List.of() : List.copyOf(pendingChannels);
    }

    public AlertState(String alertId, boolean armed, Side side, Instant lastFiredAt, Double lastFiredPrice, int fireCount,
                      List<String> pendingChannels, long version) {
        this(alertId, armed, side, lastFiredAt, lastFiredPrice, fireCount, pendingChannels, version, 0);
    }

    /** A never-evaluated alert: armed, side unknown, never stored. */
    public static AlertState initial(String alertId) {
        return new AlertState(alertId, true, Side.UNKNOWN, null, null, 0, List.of(), 0);
    }

    public AlertState withArmed(boolean value) {
        return new AlertState(alertId, value, side, lastFiredAt, lastFiredPrice, fireCount, pendingChannels, version, triggerRevision);
    }

    public AlertState withSide(Side value) {
        return new AlertState(alertId, armed, value, lastFiredAt, lastFiredPrice, fireCount, pendingChannels, version, triggerRevision);
    }

    public AlertState fired(Instant at, double price, List<String> channels) {
        return new AlertState(alertId, armed, side, at, price, fireCount + 1, channels, version, triggerRevision);
    }

    public AlertState withPendingChannels(List<String> channels) {
        return new AlertState(alertId, armed, side, lastFiredAt, lastFiredPrice, fireCount, channels, version, triggerRevision);
    }

    public AlertState withVersion(long value) {
        return new AlertState(alertId, armed, side, lastFiredAt, lastFiredPrice, fireCount, pendingChannels, value, triggerRevision);
    }

    public AlertState withTriggerRevision(long value) {
        return new AlertState(alertId, armed, side, lastFiredAt, lastFiredPrice, fireCount, pendingChannels, version, value);
    }

    /** Same content, ignoring the version: a state equal in content to its stored copy is not dirty. */
    public boolean sameContentAs(AlertState other) {
        return other != null && withVersion(0).equals(other.withVersion(0));
    }
}
