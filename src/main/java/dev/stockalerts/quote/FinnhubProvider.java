package dev.stockalerts.quote;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Finnhub's /quote endpoint, one request per symbol. Finnhub does not say the currency, so it is null.
 * A bad or missing key answers 401/403, which ProviderHttp maps to CLIENT_ERROR.
 */
public final class FinnhubProvider extends PerSymbolProvider {
    public static final String NAME = "finnhub";

    private final URI base;
    private final String token;
    private final ProviderHttp http;

    public FinnhubProvider(HttpClient client, URI base, String token, Duration timeout) {
        this.base = base;
        this.token = Objects.requireNonNull(token, "token");
        this.http = new ProviderHttp(NAME, client, timeout);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The quote, or null when Finnhub says it has no such symbol. */
    @Override
    protected Quote quote(String symbol) throws QuoteProviderException {
        URI uri = ProviderHttp.resolve(base, "/api/v1/quote?symbol=" + URLEncoder.encode(symbol, StandardCharsets.UTF_8)
                + "&token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        ProviderHttp.Response response = http.get(uri, Set.of());
        JsonNode body = http.json(response.body());

        JsonNode c = body.get("c");
        if (c == null || !c.isNumber()) throw http.malformed(symbol + ": no numeric \"c\" in " + ProviderHttp.abbreviate(response.body()), null);
        // Finnhub answers an unknown symbol with 200 and an all-zero quote.
        if (c.doubleValue() == 0) return null;

        JsonNode pc = body.get("pc");
        Double previousClose = pc != null && pc.isNumber() && pc.doubleValue() > 0 ? pc.doubleValue() : null;
        JsonNode t = body.get("t");
        Instant marketTime = t != null && t.isNumber() && t.longValue() > 0 ? Instant.ofEpochSecond(t.longValue()) : null;
        return http.quote(symbol, c.doubleValue(), previousClose, null, marketTime);
    }
}
