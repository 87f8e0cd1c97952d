package dev.stockalerts.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockalerts.quote.Quote;

/** A quote as the API shows it; unknown values are null rather than missing, so the shape never changes. */
final class QuoteJson {
    private QuoteJson() {}

    static ObjectNode quote(Quote q) {
        ObjectNode json = ApiJson.object();
        json.put("symbol", q.symbol());
        json.put("price", q.price());
        json.put("previousClose", q.previousClose());
        // Rounded: 210.5 - 200.25 should read 10.25, not 10.250000000000014.
        json.put("change", round(q.change(), 6));
        json.put("changePercent", round(q.changePercent(), 4));
        json.put("currency", q.currency());
        json.put("marketTime", q.marketTime() == null ? null : q.marketTime().toString());
        json.put("provider", q.provider());
        json.put("dayHigh", q.dayHigh());
        json.put("dayLow", q.dayLow());
        return json;
    }

    private static Double round(Double value, int decimals) {
        if (value == null || !Double.isFinite(value)) return null;
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
