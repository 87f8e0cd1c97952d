package dev.stockalerts.quote;

import dev.stockalerts.quote.QuoteProviderException.Kind;
import dev.stockalerts.time.Deadline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
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
 * Quotes through an ordered fallback chain of providers, with a short in-memory cache and a longer
 * memory of unknown symbols. Each provider is asked once per lookup, for the symbols no earlier provider
 * answered; a symbol a provider failed for (or knew nothing of) goes on to the next provider alone.
 * The caches live as long as the Lambda container; they are safe for concurrent lookups.
 */
public final class QuoteService {
    /**
     * Quotes held at most: the scheduled check's symbols many times over (2,000 at 10,000 alerts), while the public
     * quote route, which anyone may call with any real ticker, cannot grow the container's memory without bound.
     */
    static final int MAX_CACHED = 10_000;

    private record Cached(Quote quote, Instant fetchedAt) {}

    private final List<QuoteProvider> providers;
    private final Duration ttl;
    private final UnknownSymbols unknownSymbols;
    private final Clock clock;
    private final Consumer<QuoteProviderException> failureListener;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final AtomicInteger quotesFetched = new AtomicInteger();

    /**
     * @param ttl             how long a fetched quote is served from memory; {@link Duration#ZERO} disables the cache
     * @param unknownTtl      how long a symbol every provider called unknown stays unknown without asking again
     * @param failureListener told about provider failures, one per provider and kind per lookup (throttled admin notices)
     */
    public QuoteService(List<QuoteProvider> providers, Duration ttl, Duration unknownTtl,
                        Clock clock, Consumer<QuoteProviderException> failureListener) {
        this.providers = List.copyOf(providers);
        // With no provider every symbol would come back "unknown", which would be a lie.
        if (this.providers.isEmpty()) throw new IllegalArgumentException("at least one quote provider is needed");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative()) throw new IllegalArgumentException("ttl must not be negative: " + ttl);
        this.unknownSymbols = new UnknownSymbols(Objects.requireNonNull(unknownTtl, "unknownTtl"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.failureListener = Objects.requireNonNull(failureListener, "failureListener");
    }

    /** Quotes for {@code symbols}; what is not fetched before {@code deadline} comes back unavailable. */
    public QuoteLookup lookup(Collection<String> symbols, Deadline deadline) {
        Set<String> wanted = new LinkedHashSet<>(symbols); // de-duplicates, keeps request order
        Instant start = clock.instant();
        Map<String, Quote> found = new HashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        for (String symbol : wanted) {
            Quote cached = fromCache(symbol, start);
            if (cached != null) found.put(symbol, cached);
            else if (!unknownSymbols.remembers(symbol, start)) missing.add(symbol);
        }
        Set<String> stillUnknown = new LinkedHashSet<>(missing); // until a provider finds or fails them

        List<QuoteProviderException> failures = new ArrayList<>();
        Set<String> failedFor = new LinkedHashSet<>();
        for (QuoteProvider provider : providers) {
            if (missing.isEmpty()) break;
            if (deadline.expired()) {
                failures.add(new QuoteProviderException(provider.name(), Kind.TIMEOUT,
                        "the lookup's deadline passed before asking for " + missing.size() + " symbols"));
                failedFor.addAll(missing);
                stillUnknown.removeAll(missing);
                break;
            }
            Map<String, QuoteOutcome> outcomes = ask(provider, missing, deadline);
            FailureSummary summary = new FailureSummary(provider.name());
            Instant now = clock.instant();
            for (String symbol : List.copyOf(missing)) {
                QuoteOutcome outcome = outcomes.get(symbol); // anything we did not ask for is ignored
                if (outcome == null) {
                    outcome = QuoteOutcome.failed(new QuoteProviderException(provider.name(), Kind.MALFORMED, "no answer for " + symbol));
                }
                if (outcome.isFound()) {
                    found.put(symbol, outcome.quote());
                    missing.remove(symbol);
                    stillUnknown.remove(symbol);
                    quotesFetched.incrementAndGet();
                    cache(symbol, new Cached(outcome.quote(), now));
                } else if (outcome.isFailed()) {
                    failedFor.add(symbol); // it may exist: never "unknown" after this
                    stillUnknown.remove(symbol);
                    summary.add(symbol, outcome.failure());
                }
            }
            for (QuoteProviderException failure : summary.failures()) {
                failures.add(failure);
                failureListener.accept(failure);
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
        stillUnknown.forEach(symbol -> unknownSymbols.remember(symbol, clock.instant()));
        return new QuoteLookup(ordered, unknown, unavailable, failures);
    }

    /** A provider's answer; a provider that breaks its contract by throwing fails the symbols, not the lookup. */
    private static Map<String, QuoteOutcome> ask(QuoteProvider provider, Set<String> symbols, Deadline deadline) {
        try {
            return provider.quotes(Collections.unmodifiableSet(new LinkedHashSet<>(symbols)), deadline);
        } catch (RuntimeException bug) {
            QuoteOutcome failed = QuoteOutcome.failed(new QuoteProviderException(provider.name(), Kind.MALFORMED,
                    "unexpected " + bug, null, bug));
            Map<String, QuoteOutcome> outcomes = new HashMap<>();
            symbols.forEach(symbol -> outcomes.put(symbol, failed));
            return outcomes;
        }
    }

    /** Full, expired quotes are swept first; still full of live ones, the quote is not kept (asking again is the lesser harm). */
    private void cache(String symbol, Cached fresh) {
        if (ttl.isZero()) return;
        if (cache.size() >= MAX_CACHED && !cache.containsKey(symbol)) {
            cache.values().removeIf(c -> !fresh.fetchedAt().isBefore(c.fetchedAt().plus(ttl)));
            if (cache.size() >= MAX_CACHED) return;
        }
        cache.put(symbol, fresh);
    }

    /** Quotes held now, expired ones not yet swept included. */
    int cached() {
        return cache.size();
    }

    private Quote fromCache(String symbol, Instant now) {
        if (ttl.isZero()) return null;
        Cached c = cache.get(symbol);
        if (c == null) return null;
        if (now.isBefore(c.fetchedAt().plus(ttl))) {
            return c.quote();
        }
        cache.remove(symbol, c); // expired; remove only if nobody refreshed it meanwhile
        return null;
    }

    /** Quotes obtained from providers so far (cache hits not included). */
    public int quotesFetched() {
        return quotesFetched.get();
    }
}
