package dev.stockalerts.quote;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Yahoo Finance's chart endpoint, one request per symbol. Only {@code chart.result[0].meta} is read;
 * {@code range=1d&interval=1d} keeps the (unused) price series small.
 */
public final class YahooChartProvider extends PerSymbolProvider {
    public static final String NAME = "yahoo";

    private final URI base;
    private final ProviderHttp http;

    public YahooChartProvider(HttpClient client, URI base, Duration timeout) {
        this.base = base;
        this.http = new ProviderHttp(NAME, client, timeout);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The quote, or null when Yahoo says it has no such symbol. */
    @Override
    protected Quote quote(String symbol) throws QuoteProviderException {
        String encoded = URLEncoder.encode(symbol, StandardCharsets.UTF_8); // ^GSPC -> %5EGSPC, EURUSD=X -> EURUSD%3DX
        URI uri = ProviderHttp.resolve(base, "/v8/finance/chart/" + encoded + "?range=1d&interval=1d");
        ProviderHttp.Response response = http.get(uri, Set.of(404));

        if (response.status() == 404) {
            // Yahoo's "unknown symbol" is a 404 carrying chart.error; a bare 404 (wrong base URL, HTML page) is not.
            JsonNode body = ProviderHttp.parseJsonOrNull(response.body());
            if (body != null && body.path("chart").path("error").isObject()) return null;
            throw new QuoteProviderException(NAME, QuoteProviderException.Kind.CLIENT_ERROR,
                    "HTTP 404 without Yahoo's not-found body for " + uri.getPath());
        }

        JsonNode chart = http.json(response.body()).path("chart");
        JsonNode meta = chart.path("result").path(0).path("meta");
        if (!meta.isObject()) {
            if ("Not Found".equals(chart.path("error").path("code").asText())) return null;
            throw http.malformed(symbol + ": no chart.result[0].meta in " + ProviderHttp.abbreviate(response.body()), null);
        }
        JsonNode price = meta.get("regularMarketPrice");
        if (price == null || !price.isNumber()) throw http.malformed(symbol + ": no numeric meta.regularMarketPrice", null);

        return http.quote(symbol, price.doubleValue(), previousClose(meta), textOrNull(meta.get("currency")), marketTime(meta));
    }

    // previousClose is yesterday's close; chartPreviousClose is the close before the chart range,
    // which is the same thing for range=1d and is the field Yahoo always sends.
    private static Double previousClose(JsonNode meta) {
        for (String field : new String[] {"previousClose", "chartPreviousClose"}) {
            JsonNode n = meta.get(field);
            if (n != null && n.isNumber() && n.doubleValue() > 0) return n.doubleValue();
        }
        return null;
    }

    private static Instant marketTime(JsonNode meta) {
        JsonNode t = meta.get("regularMarketTime");
        return t != null && t.isNumber() && t.longValue() > 0 ? Instant.ofEpochSecond(t.longValue()) : null;
    }

    private static String textOrNull(JsonNode n) {
        return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
    }
}
