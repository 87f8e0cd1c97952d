package dev.stockalerts.providers;

import dev.stockalerts.providers.FinnhubProvider;
import dev.stockalerts.providers.ProviderTraffic;
import dev.stockalerts.providers.StooqProvider;
import dev.stockalerts.providers.YahooProvider;
import dev.stockalerts.quote.QuoteOutcome;
import dev.stockalerts.quote.QuoteProvider;
import dev.stockalerts.testing.LoopbackHttpServer;
import dev.stockalerts.time.Deadline;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

/** Real providers for tests, each on its own traffic (so request counts are the test's own). */
final class Providers {
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private Providers() {}

    static ProviderTraffic traffic() {
        return new ProviderTraffic(QuoteProviders.http(), 8);
    }

    static YahooProvider yahoo(ProviderTraffic traffic, URI base) {
        return new YahooProvider(traffic, base, TIMEOUT, YahooProvider.SPARK_V7, 20, 100);
    }

    static FinnhubProvider finnhub(ProviderTraffic traffic, URI base) {
        return new FinnhubProvider(traffic, base, "k3y", TIMEOUT, 60, 100);
    }

    static StooqProvider stooq(ProviderTraffic traffic, URI base) {
        return new StooqProvider(traffic, base, TIMEOUT, 100);
    }

    /** The one outcome for {@code symbol}, asked alone. */
    static QuoteOutcome one(QuoteProvider provider, String symbol) {
        return provider.quotes(Set.of(symbol), Deadline.none()).get(symbol);
    }
}
