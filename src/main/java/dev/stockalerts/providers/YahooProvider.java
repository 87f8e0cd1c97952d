package dev.stockalerts.providers;

import dev.stockalerts.quote.QuoteOutcome;
import dev.stockalerts.quote.QuoteProvider;
import dev.stockalerts.time.Deadline;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Yahoo Finance. Many symbols go to the spark endpoint, {@code batchSize} per request (Yahoo refuses more
 * than 20 at the time of writing). One symbol, and any symbol spark left out of its answer, goes to the
 * chart endpoint, which carries more (currency, the day's range) and says definitely whether a symbol exists.
 */
public final class YahooProvider implements QuoteProvider {
    public static final String NAME = "yahoo";
    public static final String SPARK_V7 = YahooSpark.V7;
    public static final String SPARK_V8 = YahooSpark.V8;

    private final ProviderHttp http;
    private final URI base;
    private final String sparkPath;
    private final int batchSize;
    private final int requestsPerLookup;

    /**
     * @param sparkPath         {@link #SPARK_V7}, {@link #SPARK_V8}, or null for the chart endpoint only
     * @param requestsPerLookup at most this many requests per call of {@link #quotes}
     */
    public YahooProvider(ProviderTraffic traffic, URI base, Duration timeout, String sparkPath, int batchSize, int requestsPerLookup) {
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be at least 1: " + batchSize);
        this.http = new ProviderHttp(NAME, traffic, timeout);
        this.base = base;
        this.sparkPath = sparkPath;
        this.batchSize = batchSize;
        this.requestsPerLookup = requestsPerLookup;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, QuoteOutcome> quotes(Set<String> symbols, Deadline deadline) {
        RequestRound round = new RequestRound(http, requestsPerLookup);
        List<String> all = new ArrayList<>(symbols);
        Map<String, QuoteOutcome> outcomes = new LinkedHashMap<>();
        if (sparkPath != null && all.size() > 1) {
            List<RequestRound.Request> batches = new ArrayList<>();
            for (int from = 0; from < all.size(); from += batchSize) {
                batches.add(YahooSpark.request(http, base, sparkPath, all.subList(from, Math.min(all.size(), from + batchSize)), deadline));
            }
            outcomes.putAll(round.run(batches, deadline));
        }
        List<RequestRound.Request> charts = new ArrayList<>();
        for (String symbol : all) {
            if (!outcomes.containsKey(symbol)) charts.add(YahooChart.request(http, base, symbol, deadline));
        }
        outcomes.putAll(round.run(charts, deadline));
        return outcomes;
    }
}
