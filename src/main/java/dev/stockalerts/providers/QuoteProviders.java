package dev.stockalerts.providers;

import dev.stockalerts.http.OutboundHttp;
import dev.stockalerts.quote.QuoteProvider;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Builds the provider chain from configuration (QUOTE_PROVIDERS, FINNHUB_API_KEY, the limits). */
public final class QuoteProviders {
    private QuoteProviders() {}

    /**
     * The providers named in {@code settings.order()}, in that order, all sending through {@code traffic}.
     *
     * @throws IllegalArgumentException for an empty order, an unknown or repeated name, or finnhub without a key
     */
    public static List<QuoteProvider> fromSettings(ProviderSettings settings, ProviderTraffic traffic) {
        Set<String> names = new LinkedHashSet<>();
        for (String raw : settings.order().split(",")) {
            String name = raw.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) continue;
            if (!names.add(name)) throw new IllegalArgumentException("quote provider listed twice: " + name);
        }
        if (names.isEmpty()) throw new IllegalArgumentException("no quote providers configured (QUOTE_PROVIDERS is empty)");

        int budget = settings.requestsPerLookup();
        List<QuoteProvider> providers = new ArrayList<>();
        for (String name : names) {
            providers.add(switch (name) {
                case YahooProvider.NAME -> new YahooProvider(traffic, settings.yahooBase(), settings.timeout(),
                        settings.yahooSparkPath(), settings.sparkBatchSize(), budget);
                case FinnhubProvider.NAME -> {
                    if (settings.finnhubToken() == null) {
                        throw new IllegalArgumentException(
                                "quote provider finnhub needs an API key: set FINNHUB_API_KEY or remove finnhub from QUOTE_PROVIDERS");
                    }
                    yield new FinnhubProvider(traffic, settings.finnhubBase(), settings.finnhubToken(), settings.timeout(),
                            settings.finnhubCallsPerMinute(), budget);
                }
                case StooqProvider.NAME -> new StooqProvider(traffic, settings.stooqBase(), settings.timeout(), budget);
                default -> throw new IllegalArgumentException(
                        "unknown quote provider: " + name + " (known: yahoo, finnhub, stooq)");
            });
        }
        return List.copyOf(providers);
    }

    /** The providers' client, shared across them and warm invocations (connection reuse); it follows a moved URL. */
    public static OutboundHttp http() {
        // Yahoo answers 429 to requests without a browser-like User-Agent.
        return new OutboundHttp("Mozilla/5.0 (compatible; stock-alerts/1.0)", true);
    }
}
