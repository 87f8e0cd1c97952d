package dev.stockalerts.quote;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A provider whose API answers one symbol per request (Yahoo chart, Finnhub quote). */
abstract class PerSymbolProvider implements QuoteProvider {

    /** The quote, or null when the provider says it has no such symbol. */
    protected abstract Quote quote(String symbol) throws QuoteProviderException;

    @Override
    public final Map<String, Quote> quotes(Set<String> symbols) throws QuoteProviderException {
        Map<String, Quote> result = new LinkedHashMap<>();
        for (String symbol : symbols) {
            Quote q = quote(symbol);
            if (q != null) result.put(symbol, q);
        }
        return result;
    }
}
