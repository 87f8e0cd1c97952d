package dev.stockalerts.quote;

import java.net.URI;
import java.time.Duration;

/**
 * Configuration for {@link QuoteProviders#fromSettings}. Null bases mean the real services,
 * a null order means {@link #DEFAULT_ORDER}, a null timeout means {@link #DEFAULT_TIMEOUT};
 * tests point the bases at loopback servers.
 *
 * @param order        comma-separated provider names, first tried first (QUOTE_PROVIDERS)
 * @param finnhubToken Finnhub API key (FINNHUB_API_KEY); required only when "finnhub" is in the order
 */
public record ProviderSettings(
        String order,
        URI yahooBase,
        URI finnhubBase,
        String finnhubToken,
        URI stooqBase,
        Duration timeout) {

    public static final String DEFAULT_ORDER = "yahoo,finnhub,stooq";
    public static final URI DEFAULT_YAHOO_BASE = URI.create("https://query1.finance.yahoo.com");
    public static final URI DEFAULT_FINNHUB_BASE = URI.create("https://finnhub.io");
    public static final URI DEFAULT_STOOQ_BASE = URI.create("https://stooq.com");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public ProviderSettings {
        order = order == null ? DEFAULT_ORDER : order;
        yahooBase = yahooBase == null ? DEFAULT_YAHOO_BASE : yahooBase;
        finnhubBase = finnhubBase == null ? DEFAULT_FINNHUB_BASE : finnhubBase;
        finnhubToken = finnhubToken == null || finnhubToken.isBlank() ? null : finnhubToken.trim();
        stooqBase = stooqBase == null ? DEFAULT_STOOQ_BASE : stooqBase;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    /** Real services, given order and key. */
    public static ProviderSettings of(String order, String finnhubToken) {
        return new ProviderSettings(order, null, null, finnhubToken, null, null);
    }

    // The key must never reach logs via the record's generated toString.
    @Override
    public String toString() {
        return "ProviderSettings[order=" + order + ", yahooBase=" + yahooBase + ", finnhubBase=" + finnhubBase
                + ", finnhubToken=" + (finnhubToken == null ? "null" : "***") + ", stooqBase=" + stooqBase
                + ", timeout=" + timeout + "]";
    }
}
