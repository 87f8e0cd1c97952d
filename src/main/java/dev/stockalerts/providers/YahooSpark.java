package dev.stockalerts.providers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockalerts.quote.Quote;
import dev.stockalerts.quote.QuoteOutcome;
import dev.stockalerts.quote.QuoteProviderException;
import dev.stockalerts.time.Deadline;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Yahoo Finance's multi-symbol spark endpoint, {@code ?symbols=A,B,...&range=1d&interval=5m}. The two
 * versions answer in different shapes; both are read, whichever arrives:
 * <ul>
 *   <li>v7: {@code {"spark":{"result":[{"symbol":"AAPL","response":[{"meta":{...},"timestamp":[...],
 *       "indicators":{"quote":[{"close":[...]}]}}]}],"error":null}}}: each meta is the chart's, so it
 *       carries the price, its time, currency and the day's high and low;</li>
 *   <li>v8: {@code {"AAPL":{"symbol":"AAPL","timestamp":[...],"close":[...],"chartPreviousClose":...,
 *       "previousClose":...,"dataGranularity":300,"start":...,"end":...}}}: only the series, so the price is
 *       the last close, and there is no currency, no high or low.</li>
 * </ul>
 * A symbol Yahoo leaves out of the answer (unknown, or dropped) is left out here too: the caller asks the
 * chart endpoint, which says which it is. An entry with bad data fails its own symbol only.
 */
final class YahooSpark {
    static final String V7 = "/v7/finance/spark";
    static final String V8 = "/v8/finance/spark";

    private YahooSpark() {}

    static RequestRound.Request request(ProviderHttp http, URI base, String path, List<String> symbols, Deadline deadline) {
        return new RequestRound.Request(symbols, () -> fetch(http, base, path, symbols, deadline));
    }

    private static Map<String, QuoteOutcome> fetch(ProviderHttp http, URI base, String path, List<String> symbols,
                                                   Deadline deadline) throws QuoteProviderException {
        String list = symbols.stream().map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8)).collect(Collectors.joining(","));
        URI uri = ProviderHttp.resolve(base, path + "?symbols=" + list + "&range=1d&interval=5m");
        ProviderHttp.Response response = http.get(uri, Set.of(404), deadline);
        JsonNode body = ProviderHttp.parseJsonOrNull(response.body());
        if (response.status() == 404) {
            // "No data found for spark symbols": none of them is known here; a bare 404 is a wrong URL.
            if (body != null && body.path("spark").path("error").isObject()) return Map.of();
            throw new QuoteProviderException(http.provider(), QuoteProviderException.Kind.CLIENT_ERROR,
                    "HTTP 404 without Yahoo's not-found body for " + uri.getPath());
        }
        if (body == null || !body.isObject()) throw http.malformed("body is not a JSON object: " + ProviderHttp.abbreviate(response.body()), null);
        return body.has("spark") ? v7(http, body.get("spark"), symbols) : v8(http, body, symbols);
    }

    private static Map<String, QuoteOutcome> v7(ProviderHttp http, JsonNode spark, List<String> symbols) throws QuoteProviderException {
        JsonNode results = spark.path("result");
        if (results.isNull() || results.isMissingNode()) {
            if (spark.path("error").isObject()) return Map.of();
            throw http.malformed("spark without result or error", null);
        }
        if (!results.isArray()) throw http.malformed("spark.result is not a list", null);
        Set<String> asked = new HashSet<>(symbols);
        Map<String, QuoteOutcome> outcomes = new LinkedHashMap<>();
        for (JsonNode entry : results) {
            String symbol = entry.path("symbol").asText();
            if (!asked.contains(symbol) || outcomes.containsKey(symbol)) continue; // never answer what we did not ask
            outcomes.put(symbol, parsed(() -> {
                JsonNode meta = entry.path("response").path(0).path("meta");
                if (!meta.isObject()) throw http.malformed(symbol + ": no response[0].meta", null);
                return YahooMeta.quote(http, symbol, meta);
            }));
        }
        return outcomes;
    }

    private static Map<String, QuoteOutcome> v8(ProviderHttp http, JsonNode body, List<String> symbols) {
        Map<String, QuoteOutcome> outcomes = new LinkedHashMap<>();
        for (String symbol : symbols) {
            JsonNode entry = body.get(symbol);
            if (entry == null || entry.isNull()) continue;
            outcomes.put(symbol, parsed(() -> v8Quote(http, symbol, entry)));
        }
        return outcomes;
    }

    /** The last close of the day's series and its time. */
    private static Quote v8Quote(ProviderHttp http, String symbol, JsonNode entry) throws QuoteProviderException {
        if (!entry.isObject()) throw http.malformed(symbol + ": entry is not an object", null);
        JsonNode closes = entry.path("close");
        JsonNode times = entry.path("timestamp");
        for (int i = closes.size() - 1; i >= 0; i--) {
            if (closes.get(i).isNull()) continue; // a 5-minute bar without trades
            Double price = ProviderHttp.number(closes.get(i));
            if (price == null) throw http.malformed(symbol + ": close[" + i + "] is not a number", null);
            Instant time = times.size() == closes.size() ? http.epochSeconds(symbol, "timestamp", times.get(i)) : null;
            return http.quote(symbol, price, YahooMeta.previousClose(entry), null, time, null, null, null);
        }
        throw http.malformed(symbol + ": no close in " + ProviderHttp.abbreviate(entry.toString()), null);
    }

    @FunctionalInterface
    private interface Parse {
        Quote quote() throws QuoteProviderException;
    }

    private static QuoteOutcome parsed(Parse parse) {
        try {
            return QuoteOutcome.found(parse.quote());
        } catch (QuoteProviderException badData) {
            return QuoteOutcome.failed(badData);
        }
    }
}
