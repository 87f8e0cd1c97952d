package dev.stockalerts.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockalerts.alert.Alert;
import dev.stockalerts.quote.Quote;
import dev.stockalerts.quote.QuoteLookup;
import dev.stockalerts.quote.QuoteProviderException;
import dev.stockalerts.quote.QuoteService;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * GET /stock/{symbol}: one quote through the same provider chain and quote cache as the scheduled check.
 * Provider failures reach the admin notices through the QuoteService's failure listener, not from here.
 */
public final class QuoteEndpoint {
    /** What a client should wait when no provider said how long. */
    static final long DEFAULT_RETRY_AFTER_SECONDS = 60;

    private final QuoteService quotes;
    private final Duration cacheTtl;

    public QuoteEndpoint(QuoteService quotes, Duration cacheTtl) {
        this.quotes = Objects.requireNonNull(quotes, "quotes");
        this.cacheTtl = Objects.requireNonNull(cacheTtl, "cacheTtl");
    }

    public ApiResponse get(ApiRequest request) {
        String given = Objects.requireNonNullElse(request.pathParameter("symbol"), "");
        String symbol = given.toUpperCase(Locale.ROOT);
        if (!Alert.SYMBOL.matcher(symbol).matches()) {
            return ApiResponse.json(400, ApiErrors.body("invalid symbol").put("symbol", given)
                    .put("expected", "a ticker symbol such as AAPL, BRK-B, ^GSPC or EURUSD=X"));
        }
        QuoteLookup lookup = quotes.lookup(List.of(symbol), request.deadline());
        Quote quote = lookup.quotes().get(symbol);
        if (quote != null) {
            // A shared cache may serve it as long as we would serve it from our own quote cache.
            return ApiResponse.json(200, QuoteJson.quote(quote))
                    .withHeader("Cache-Control", "public, max-age=" + cacheTtl.toSeconds());
        }
        if (lookup.unknown().contains(symbol)) {
            return ApiResponse.json(404, ApiErrors.body("unknown symbol").put("symbol", symbol));
        }
        return unavailable(symbol, lookup.failures());
    }

    /** 503 when providers are rate limiting, slow or over our own budget (try later), 502 when they answered badly. */
    private static ApiResponse unavailable(String symbol, List<QuoteProviderException> failures) {
        boolean overloaded = failures.stream().anyMatch(f -> f.kind() == QuoteProviderException.Kind.RATE_LIMITED
                || f.kind() == QuoteProviderException.Kind.TIMEOUT || f.kind() == QuoteProviderException.Kind.BUDGET);
        long retryAfter = failures.stream().map(QuoteProviderException::retryAfterSeconds)
                .filter(Objects::nonNull).mapToLong(Long::longValue).max().orElse(DEFAULT_RETRY_AFTER_SECONDS);
        ObjectNode body = ApiErrors.body("quote providers unavailable").put("symbol", symbol);
        ArrayNode providers = body.putArray("providers");
        // Provider and kind only: messages may carry URLs that are nobody's business.
        failures.forEach(f -> providers.addObject().put("provider", f.provider()).put("failure", f.kind().name()));
        return ApiResponse.json(overloaded ? 503 : 502, body)
                .withHeader("Retry-After", Long.toString(retryAfter))
                .withHeader("Cache-Control", "no-store");
    }
}
