package dev.stockalerts.providers;

import java.net.URI;
import java.time.Duration;

/**
 * Configuration for {@link QuoteProviders#fromSettings}. Null bases mean the real services, a null
 * order means {@link #DEFAULT_ORDER}, a null timeout means {@link #DEFAULT_TIMEOUT}, a null spark
 * version v7 and a zero count its default; tests point the bases at loopback servers.
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

    public static final String DEFAULT_ORDER = "yahoo,finnhub,stooq";
    public static final URI DEFAULT_YAHOO_BASE = URI.create("https://query1.finance.yahoo.com");
    public static final URI DEFAULT_FINNHUB_BASE = URI.create("https://finnhub.io");
    public static final URI DEFAULT_STOOQ_BASE = URI.create("https://stooq.com");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final String DEFAULT_SPARK = "v7";
    /** Yahoo's spark refuses more symbols per request (github.com/Phando/Streamdeck-Stonks/pull/21). */
    public static final int DEFAULT_SPARK_BATCH = 20;
    /** 2,000 symbols in 20-symbol spark requests. */
    public static final int DEFAULT_REQUESTS_PER_LOOKUP = 100;

    public ProviderSettings {
        order = order == null ? DEFAULT_ORDER : order;
        yahooBase = yahooBase == null ? DEFAULT_YAHOO_BASE : yahooBase;
        finnhubBase = finnhubBase == null ? DEFAULT_FINNHUB_BASE : finnhubBase;
        finnhubToken = finnhubToken == null || finnhubToken.isBlank() ? null : finnhubToken.trim();
        stooqBase = stooqBase == null ? DEFAULT_STOOQ_BASE : stooqBase;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        yahooSpark = yahooSpark == null ? DEFAULT_SPARK : yahooSpark;
        sparkBatchSize = sparkBatchSize == 0 ? DEFAULT_SPARK_BATCH : sparkBatchSize;
        requestsPerLookup = requestsPerLookup == 0 ? DEFAULT_REQUESTS_PER_LOOKUP : requestsPerLookup;
        finnhubCallsPerMinute = finnhubCallsPerMinute == 0 ? FinnhubProvider.FREE_CALLS_PER_MINUTE : finnhubCallsPerMinute;
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
