package dev.stockalerts.check;

import dev.stockalerts.alert.Observation;
import dev.stockalerts.quote.Quote;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * The day's high and low of each symbol as the previous check saw them, kept in memory for the life of the
 * container: with the range now, they tell whether the price touched a level between two checks. Reset when the
 * trading day changes, so yesterday's high never counts today. A new container starts knowing nothing, so its
 * first check sees last prices only.
 */
final class IntradayRanges {
    private record Seen(LocalDate day, double high, double low, Instant at) {}

    private final Map<String, Seen> seen = new HashMap<>();

    /** What this check sees of {@code symbol}, remembering its range for the next check. */
    synchronized Observation observe(String symbol, Quote quote, LocalDate tradingDay, Instant now) {
        Double high = quote.dayHigh();
        Double low = quote.dayLow();
        if (high == null || low == null) {
            seen.remove(symbol);
            return Observation.of(quote.price(), quote.previousClose());
        }
        Seen before = seen.put(symbol, new Seen(tradingDay, high, low, now));
        if (before == null || !before.day().equals(tradingDay)) return Observation.of(quote.price(), quote.previousClose());
        return new Observation(quote.price(), quote.previousClose(),
                new Observation.Excursion(before.at(), before.high(), high, before.low(), low));
    }
}
