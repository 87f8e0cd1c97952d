package dev.stockalerts.quote;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A price for a symbol as one provider reported it. previousClose, currency, marketTime, the day's
 * high and low and the trading day they belong to may be unknown (null).
 */
public record Quote(
        String symbol,
        double price,
        Double previousClose,
        String currency,
        Instant marketTime,
        String provider,
        Double dayHigh,
        Double dayLow,
        LocalDate tradingDay) {

    public Quote {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(provider, "provider");
        if (!(price > 0) || !Double.isFinite(price)) throw new IllegalArgumentException("price must be positive: " + price);
        if (dayHigh != null && !(dayHigh > 0 && Double.isFinite(dayHigh))) {
            throw new IllegalArgumentException("day high must be positive: " + dayHigh);
        }
        if (dayLow != null && !(dayLow > 0 && Double.isFinite(dayLow))) {
            throw new IllegalArgumentException("day low must be positive: " + dayLow);
        }
        if (dayHigh != null && dayLow != null && dayLow > dayHigh) {
            throw new IllegalArgumentException("day low " + dayLow + " above day high " + dayHigh);
        }
    }

    /** A quote without the day's range. */
    public Quote(String symbol, double price, Double previousClose, String currency, Instant marketTime, String provider) {
        this(symbol, price, previousClose, currency, marketTime, provider, null, null, null);
    }

    /** Change versus the previous close in price units, or null when the previous close is unknown. */
    public Double change() {
        return previousClose == null ? null : price - previousClose;
    }

    /** Change versus the previous close in percent, or null when the previous close is unknown or zero. */
    public Double changePercent() {
        return previousClose == null || previousClose == 0 ? null : (price - previousClose) / previousClose * 100.0;
    }

    /** The same quote under another name (a provider's spelling of the symbol mapped back to ours). */
    public Quote forSymbol(String ours) {
        return new Quote(ours, price, previousClose, currency, marketTime, provider, dayHigh, dayLow, tradingDay);
    }
}
