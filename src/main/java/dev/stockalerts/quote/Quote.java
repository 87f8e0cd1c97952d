package dev.stockalerts.quote;

import java.time.Instant;
import java.util.Objects;

/** A price for a symbol as one provider reported it. previousClose and currency may be unknown (null). */
public record Quote(
        String symbol,
        double price,
        Double previousClose,
        String currency,
        Instant marketTime,
        String provider) {

    public Quote {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(provider, "provider");
        if (!(price > 0) || !Double.isFinite(price)) throw new IllegalArgumentException("price must be positive: " + price);
    }

    /** Change versus the previous close in price units, or null when the previous close is unknown. */
    public Double change() {
        return previousClose == null ? null : price - previousClose;
    }

    /** Change versus the previous close in percent, or null when the previous close is unknown or zero. */
    public Double changePercent() {
        return previousClose == null || previousClose == 0 ? null : (price - previousClose) / previousClose * 100.0;
    }
}
