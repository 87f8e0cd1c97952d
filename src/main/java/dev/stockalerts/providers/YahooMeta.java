package dev.stockalerts.providers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockalerts.quote.Quote;
import dev.stockalerts.quote.QuoteProviderException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** A quote from Yahoo's chart {@code meta} object, which the chart and the v7 spark endpoints both send. */
final class YahooMeta {
    private YahooMeta() {}

    static Quote quote(ProviderHttp http, String symbol, JsonNode meta) throws QuoteProviderException {
        Double price = ProviderHttp.number(meta.get("regularMarketPrice"));
        if (price == null) throw http.malformed(symbol + ": no numeric meta.regularMarketPrice", null);
        Instant time = http.epochSeconds(symbol, "regularMarketTime", meta.get("regularMarketTime"));
        return http.quote(symbol, price, previousClose(meta), textOrNull(meta.get("currency")), time,
                ProviderHttp.number(meta.get("regularMarketDayHigh")), ProviderHttp.number(meta.get("regularMarketDayLow")),
                tradingDay(time, meta));
    }

    // previousClose is yesterday's close; chartPreviousClose is the close before the chart range,
    // which is the same thing for range=1d and is the field Yahoo always sends.
    static Double previousClose(JsonNode entry) {
        for (String field : new String[] {"previousClose", "chartPreviousClose"}) {
            Double n = ProviderHttp.number(entry.get(field));
            if (n != null && n > 0 && Double.isFinite(n)) return n;
        }
        return null;
    }

    /** The exchange's calendar day of the last trade: the day the high and low belong to. */
    private static LocalDate tradingDay(Instant time, JsonNode meta) {
        String zone = textOrNull(meta.get("exchangeTimezoneName"));
        if (time == null || zone == null) return null;
        try {
            return LocalDate.ofInstant(time, ZoneId.of(zone));
        } catch (DateTimeException unknownZone) {
            return null;
        }
    }

    static String textOrNull(JsonNode n) {
        return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
    }
}
