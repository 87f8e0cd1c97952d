package dev.stockalerts.quote;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Quotes through an ordered fallback chain of providers, with a short in-memory cache.
 * Each provider is asked once per lookup, only for the symbols no earlier provider returned,
 * so a failing or ignorant provider is covered by the next one.
 * The cache lives as long as the Lambda container; it is safe for concurrent lookups.
 */
public final class QuoteService {
    private record Cached(Quote quote, Instant fetchedAt) {}

    private final List<QuoteProvider> providers;
    private final Duration ttl;
    private final Clock clock;
    private final Consumer<QuoteProviderException> failureListener;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final AtomicInteger providerCalls = new AtomicInteger();
    private final AtomicInteger quotesFetched = new AtomicInteger();
    private final AtomicInteger cacheHits = new AtomicInteger();

    /**
     * @param ttl             how long a fetched quote is served from memory; {@link Duration#ZERO} disables the cache
     * @param failureListener told about every provider failure (e.g. for throttled admin notices)
     */
    public QuoteService(List<QuoteProvider> providers, Duration ttl, Clock clock,
                        Consumer<QuoteProviderException> failureListener) {
        this.providers = List.copyOf(providers);
        // With no provider every symbol would come back "unknown", which would be a lie.
        if (this.providers.isEmpty()) throw new IllegalArgumentException("at least one quote provider is needed");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative()) throw new IllegalArgumentException("ttl must not be negative: " + ttl);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.failureListener = Objects.requireNonNull(failureListener, "failureListener");
    }

    public QuoteLookup lookup(Collection<String> symbols) {
        Set<String> wanted = new LinkedHashSet<>(symbols); // de-duplicates, keeps request order
        Map<String, Quote> found = new LinkedHashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        for (String symbol : wanted) {
            Quote cached = fromCache(symbol);
            if (cached != null) found.put(symbol, cached);
            else missing.add(symbol);
        }

        List<QuoteProviderException> failures = new ArrayList<>();
        Set<String> failedFor = new LinkedHashSet<>();
        for (QuoteProvider provider : providers) {
            if (missing.isEmpty()) break;
            Map<String, Quote> got;
            try {
                providerCalls.incrementAndGet();
                got = provider.quotes(Collections.unmodifiableSet(new LinkedHashSet<>(missing)));
            } catch (QuoteProviderException e) {
                failures.add(e);
                failedFor.addAll(missing); // the whole call failed, so each of these may exist
                failureListener.accept(e);
                continue;
            }
            Instant now = clock.instant();
            for (String symbol : List.copyOf(missing)) {
                Quote q = got.get(symbol); // ignore anything we did not ask for
                if (q == null) continue;
                found.put(symbol, q);
                missing.remove(symbol);
                quotesFetched.incrementAndGet();
                if (!ttl.isZero()) cache.put(symbol, new Cached(q, now));
            }
        }

        Map<String, Quote> ordered = new LinkedHashMap<>();
        Set<String> unknown = new LinkedHashSet<>();
        Set<String> unavailable = new LinkedHashSet<>();
        for (String symbol : wanted) {
            if (found.containsKey(symbol)) ordered.put(symbol, found.get(symbol));
            else if (failedFor.contains(symbol)) unavailable.add(symbol);
            else unknown.add(symbol);
        }
        return new QuoteLookup(ordered, unknown, unavailable, failures);
    }

    private Quote fromCache(String symbol) {
        if (ttl.isZero()) return null;
        Cached c = cache.get(symbol);
        if (c == null) return null;
        if (clock.instant().isBefore(c.fetchedAt().plus(ttl))) {
            cacheHits.incrementAndGet();
            return c.quote();
        }
        cache.remove(symbol, c); // expired; remove only if nobody refreshed it meanwhile
        return null;
    }

    /** Calls to {@link QuoteProvider#quotes} made so far (one per provider per lookup, not per HTTP request). */
    public int providerCalls() {
        return providerCalls.get();
    }

    /** Quotes obtained from providers so far (cache hits not included). */
    public int quotesFetched() {
        return quotesFetched.get();
    }

    /** Quotes served from the cache so far. */
    public int cacheHits() {
        return cacheHits.get();
    }
}
