package dev.stockalerts.alert;

import java.time.Instant;

/**
 * What a check saw of an alert's symbol: the last price, the previous close (null when unknown), and how the
 * day's range grew since the previous check (null when not known: the first check of the day, or a provider
 * that does not send the day's high and low).
 */
public record Observation(double price, Double previousClose, Excursion excursion) {

    /**
     * The day's high and low at the previous check ({@code since}) and now, on the same trading day: a high that
     * rose (or a low that fell) through a level between the two checks touched it, even if the last price is
     * back on the other side.
     */
    public record Excursion(Instant since, double highBefore, double highNow, double lowBefore, double lowNow) {
        /** The new high, if it rose through {@code level} after {@code since}; else null. */
        Double roseThrough(double level) {
            return highBefore < level && highNow >= level ? highNow : null;
        }

        /** The new low, if it fell through {@code level} after {@code since}; else null. */
        Double fellThrough(double level) {
            return lowBefore > level && lowNow <= level ? lowNow : null;
        }
    }

    public static Observation of(double price, Double previousClose) {
        return new Observation(price, previousClose, null);
    }

    /** Change versus the previous close in percent, or null when the previous close is unknown or zero. */
    public Double changePercent() {
        return previousClose == null || previousClose == 0 ? null : (price - previousClose) / previousClose * 100.0;
    }
}
