package dev.stockalerts.providers;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration for {@link QuoteProviders#fromSettings}, taken from {@code Settings} (the one home of the defaults);
 * tests point the bases at loopback servers.
 *
 * @param order                 comma-separated provider names, first tried first (QUOTE_PROVIDERS)
 * @param finnhubToken          Finnhub API key (FINNHUB_API_KEY); required only when "finnhub" is in the order
 * @param timeout               total time of one request, body included (HTTP_TIMEOUT)
 * @param yahooSpark            v7, v8 or off: which spark endpoint batches Yahoo's symbols (YAHOO_SPARK)
 * @param sparkBatchSize        symbols per spark request (YAHOO_SPARK_BATCH)
 * @param requestsPerLookup     most requests one lookup makes to each provider (QUOTE_REQUESTS_PER_RUN)
 * @param finnhubCallsPerMinute Finnhub's plan rate (FINNHUB_CALLS_PER_MINUTE)
 */
public record ProviderSettings(
        String order,
        URI yahooBase,
        URI finnhubBase,
        String finnhubToken,
        URI stooqBase,
        Duration timeout,
        String yahooSpark,
        int sparkBatchSize,
        int requestsPerLookup,
        int finnhubCallsPerMinute) {

    public ProviderSettings {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(yahooBase, "yahooBase");
        Objects.requireNonNull(finnhubBase, "finnhubBase");
        Objects.requireNonNull(stooqBase, "stooqBase");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(yahooSpark, "yahooSpark");
        if (sparkBatchSize < 1 || requestsPerLookup < 1 || finnhubCallsPerMinute < 1) {
            throw new IllegalArgumentException("spark batch, requests per lookup and Finnhub calls per minute must be positive");
        }
        finnhubToken = finnhubToken == null || finnhubToken.isBlank() ? null : finnhubToken.trim();
    }

    /** The spark endpoint's path, or null when Yahoo is asked through its chart endpoint only. */
    String yahooSparkPath() {
        return switch (yahooSpark) {
            case "v7" -> YahooProvider.SPARK_V7;
            case "v8" -> YahooProvider.SPARK_V8;
            case "off" -> null;
            default -> throw new IllegalArgumentException("unknown Yahoo spark version: " + yahooSpark + " (v7, v8 or off)");
        };
    }

    // The key must never reach logs via the record's generated toString.
    @Override
    public String toString() {
        return "ProviderSettings[order=" + order + ", yahooBase=" + yahooBase + ", finnhubBase=" + finnhubBase
                + ", finnhubToken=" + (finnhubToken == null ? "null" : "***") + ", stooqBase=" + stooqBase
                + ", timeout=" + timeout + ", yahooSpark=" + yahooSpark + ", sparkBatchSize=" + sparkBatchSize
                + ", requestsPerLookup=" + requestsPerLookup + ", finnhubCallsPerMinute=" + finnhubCallsPerMinute + "]";
    }
}
