package dev.stockalerts.quote;

import dev.stockalerts.time.Deadline;

import java.util.Map;
import java.util.Set;

/** One source of quotes (Yahoo, Finnhub, Stooq...). */
public interface QuoteProvider {
    /** Short stable name, as used in QUOTE_PROVIDERS and in quotes' {@code provider} field. */
    String name();

    /**
     * One outcome per symbol: a quote, "unknown" (the provider knows no such symbol) or a failure
     * (timeout, 429, 5xx, bad data, its request budget spent...). A failure concerns the symbols it is
     * given for only; the rest of the call stands. Never throws for a provider's trouble, and returns
     * by the deadline. A symbol missing from the answer counts as failed.
     */
    Map<String, QuoteOutcome> quotes(Set<String> symbols, Deadline deadline);
}
