package dev.stockalerts.providers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockalerts.quote.QuoteOutcome;
import dev.stockalerts.quote.QuoteProvider;
import dev.stockalerts.quote.QuoteProviderException.Kind;
import dev.stockalerts.quote.QuoteProviderException;
import dev.stockalerts.time.Deadline;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Finnhub's /quote endpoint, one request per symbol, held to its documented rate by a token bucket that
 * lives as long as the provider (the container): the free tier allows 60 calls a minute, and every plan
 * 30 a second (finnhub.io/docs/api/rate-limit). Symbols over the rate fail as BUDGET and go to the next
 * provider. Finnhub does not say the currency, so it is null. A bad or missing key answers 401/403,
 * which ProviderHttp maps to CLIENT_ERROR.
 */
public final class FinnhubProvider implements QuoteProvider {
    public static final String NAME = "finnhub";
    static final int CALLS_PER_SECOND = 30;
    /** The free tier covers US exchanges, whose trading day is New York's. */
    private static final ZoneId EXCHANGE_ZONE = ZoneId.of("America/New_York");

    private final ProviderHttp http;
    private final URI base;
    static final String TOKEN_HEADER = "X-Finnhub-Token";

    private final String token;
    private final int callsPerMinute;
    private final TokenBucket rate;
    private final int requestsPerLookup;

    public FinnhubProvider(ProviderTraffic traffic, URI base, String token, Duration timeout, int callsPerMinute, int requestsPerLookup) {
        this(traffic, base, token, timeout, callsPerMinute, requestsPerLookup, System::nanoTime);
    }

    FinnhubProvider(ProviderTraffic traffic, URI base, String token, Duration timeout, int callsPerMinute,
                    int requestsPerLookup, LongSupplier nanoTime) {
        this.http = new ProviderHttp(NAME, traffic, timeout);
        this.base = base;
        this.token = Objects.requireNonNull(token, "token");
        this.callsPerMinute = callsPerMinute;
        this.rate = TokenBucket.forLimits(callsPerMinute, CALLS_PER_SECOND, nanoTime);
        this.requestsPerLookup = requestsPerLookup;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, QuoteOutcome> quotes(Set<String> symbols, Deadline deadline) {
        List<String> all = new ArrayList<>(symbols);
        int allowed = rate.take(Math.min(all.size(), requestsPerLookup));
        List<RequestRound.Request> requests = new ArrayList<>();
        for (String symbol : all.subList(0, allowed)) {
            requests.add(new RequestRound.Request(List.of(symbol), () -> Map.of(symbol, fetch(symbol, deadline))));
        }
        Map<String, QuoteOutcome> outcomes = new LinkedHashMap<>(new RequestRound(http, requestsPerLookup).run(requests, deadline));
        if (allowed < all.size()) {
            QuoteOutcome overRate = QuoteOutcome.failed(new QuoteProviderException(NAME, Kind.BUDGET, allowed == 0
                    ? "no call left in its rate of " + callsPerMinute + " a minute"
                    : "its rate of " + callsPerMinute + " calls a minute or " + requestsPerLookup + " per lookup allowed " + allowed));
            for (String symbol : all.subList(allowed, all.size())) outcomes.put(symbol, overRate);
        }
        return outcomes;
    }

    private QuoteOutcome fetch(String symbol, Deadline deadline) throws QuoteProviderException {
        URI uri = ProviderHttp.resolve(base, "/api/v1/quote?symbol=" + URLEncoder.encode(symbol, StandardCharsets.UTF_8));
        // In a header, not the query string: URLs end up in logs, proxies and error messages.
        ProviderHttp.Response response = http.get(uri, Map.of(TOKEN_HEADER, token), Set.of(), deadline);
        JsonNode body = http.json(response.body());

        Double c = ProviderHttp.number(body.get("c"));
        if (c == null) throw http.malformed(symbol + ": no numeric \"c\" in " + ProviderHttp.abbreviate(response.body()), null);
        // Finnhub answers an unknown symbol with 200 and an all-zero quote.
        if (c == 0) return QuoteOutcome.unknown();

        Double pc = ProviderHttp.number(body.get("pc"));
        Double previousClose = pc != null && pc > 0 ? pc : null;
        Instant marketTime = http.epochSeconds(symbol, "t", body.get("t"));
        LocalDate tradingDay = marketTime == null ? null : LocalDate.ofInstant(marketTime, EXCHANGE_ZONE);
        return QuoteOutcome.found(http.quote(symbol, c, previousClose, null, marketTime,
                ProviderHttp.number(body.get("h")), ProviderHttp.number(body.get("l")), tradingDay));
    }
}
