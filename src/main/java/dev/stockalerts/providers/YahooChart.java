package dev.stockalerts.providers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockalerts.quote.QuoteOutcome;
import dev.stockalerts.quote.QuoteProviderException;
import dev.stockalerts.time.Deadline;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Yahoo Finance's chart endpoint, one symbol per request. Only {@code chart.result[0].meta} is read;
 * {@code range=1d&interval=1d} keeps the (unused) price series small. It says definitely whether a
 * symbol exists, and carries the day's high and low.
 */
final class YahooChart {
    static final String PATH = "/v8/finance/chart/";

    private YahooChart() {}

    static RequestRound.Request request(ProviderHttp http, URI base, String symbol, Deadline deadline) {
        return new RequestRound.Request(List.of(symbol), () -> Map.of(symbol, fetch(http, base, symbol, deadline)));
    }

    private static QuoteOutcome fetch(ProviderHttp http, URI base, String symbol, Deadline deadline) throws QuoteProviderException {
        String encoded = URLEncoder.encode(symbol, StandardCharsets.UTF_8); // ^GSPC -> %5EGSPC, EURUSD=X -> EURUSD%3DX
        URI uri = ProviderHttp.resolve(base, PATH + encoded + "?range=1d&interval=1d");
        ProviderHttp.Response response = http.get(uri, Set.of(404), deadline);

        if (response.status() == 404) {
            // Yahoo's "unknown symbol" is a 404 carrying chart.error; a bare 404 (wrong base URL, HTML page) is not.
            JsonNode body = ProviderHttp.parseJsonOrNull(response.body());
            if (body != null && body.path("chart").path("error").isObject()) return QuoteOutcome.unknown();
            throw new QuoteProviderException(http.provider(), QuoteProviderException.Kind.CLIENT_ERROR,
                    "HTTP 404 without Yahoo's not-found body for " + uri.getPath());
        }

        JsonNode chart = http.json(response.body()).path("chart");
        JsonNode meta = chart.path("result").path(0).path("meta");
        if (!meta.isObject()) {
            if ("Not Found".equals(chart.path("error").path("code").asText())) return QuoteOutcome.unknown();
            throw http.malformed(symbol + ": no chart.result[0].meta in " + ProviderHttp.abbreviate(response.body()), null);
        }
        return QuoteOutcome.found(YahooMeta.quote(http, symbol, meta));
    }
}
