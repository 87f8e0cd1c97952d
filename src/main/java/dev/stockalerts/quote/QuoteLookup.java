package dev.stockalerts.quote;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link QuoteService#lookup} found. Every requested symbol is in exactly one of
 * {@code quotes}, {@code unknown} or {@code unavailable}.
 *
 * @param quotes      quote per symbol, from the cache or the first provider that knew it
 * @param unknown     no quote, and every provider asked answered "no such symbol" (none failed for it):
 *                    safe to tell the user the symbol is invalid
 * @param unavailable no quote, and at least one provider failed for it: try again later
 * @param failures    provider failures during this lookup, one per provider and kind, in the order they happened
 */
public record QuoteLookup(
        Map<String, Quote> quotes,
        Set<String> unknown,
        Set<String> unavailable,
        List<QuoteProviderException> failures) {

    public QuoteLookup {
        // Unmodifiable, but keeping the caller's (request) order for readable reports.
        quotes = Collections.unmodifiableMap(new LinkedHashMap<>(quotes));
        unknown = Collections.unmodifiableSet(new LinkedHashSet<>(unknown));
        unavailable = Collections.unmodifiableSet(new LinkedHashSet<>(unavailable));
        failures = List.copyOf(failures);
    }
}
