package dev.stockalerts.quote;

import java.util.Map;
import java.util.Set;

/** One source of quotes (Yahoo, Finnhub, Stooq...). */
public interface QuoteProvider {
    /** Short stable name, as used in QUOTE_PROVIDERS and in quotes' {@code provider} field. */
    String name();

    /**
     * Quotes for those of {@code symbols} this provider knows. A symbol the provider answered
     * "no such symbol" for is simply absent from the map.
     *
     * @throws QuoteProviderException when the provider could not answer (timeout, 429, 5xx, malformed body, network)
     */
    Map<String, Quote> quotes(Set<String> symbols) throws QuoteProviderException;
}
