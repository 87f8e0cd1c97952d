package dev.stockalerts.quote;

import dev.stockalerts.quote.QuoteProviderException.Kind;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One provider's failures in one lookup, one per kind however many symbols failed that way: what the
 * lookup reports and the admin notices see, so 2,000 failed symbols make one notice, not 2,000.
 */
final class FailureSummary {
    private static final int NAMED_SYMBOLS = 5;

    private static final class Kinds {
        final QuoteProviderException first;
        final List<String> symbols = new ArrayList<>();
        Long retryAfter;

        Kinds(QuoteProviderException first) {
            this.first = first;
        }
    }

    private final String provider;
    private final Map<Kind, Kinds> byKind = new EnumMap<>(Kind.class);

    FailureSummary(String provider) {
        this.provider = provider;
    }

    void add(String symbol, QuoteProviderException failure) {
        Kinds kinds = byKind.computeIfAbsent(failure.kind(), k -> new Kinds(failure));
        kinds.symbols.add(symbol);
        Long retryAfter = failure.retryAfterSeconds();
        if (retryAfter != null && (kinds.retryAfter == null || retryAfter > kinds.retryAfter)) kinds.retryAfter = retryAfter;
    }

    /** The failure itself when one symbol failed that way; else one naming how many, a few of them, and the first reason. */
    List<QuoteProviderException> failures() {
        List<QuoteProviderException> failures = new ArrayList<>();
        for (Map.Entry<Kind, Kinds> e : byKind.entrySet()) {
            Kinds k = e.getValue();
            if (k.symbols.size() == 1) {
                failures.add(k.first);
                continue;
            }
            List<String> named = k.symbols.subList(0, Math.min(NAMED_SYMBOLS, k.symbols.size()));
            String more = k.symbols.size() > NAMED_SYMBOLS ? ", ..." : "";
            failures.add(new QuoteProviderException(provider, e.getKey(),
                    k.symbols.size() + " symbols (" + String.join(", ", named) + more + "), first: " + k.first.detail(),
                    k.retryAfter, k.first));
        }
        return failures;
    }
}
