package dev.stockalerts.quote;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A provider whose API answers one symbol per request (Yahoo chart, Finnhub quote). Requests for
 * several symbols go out in parallel: a run's wall time (billed Lambda time) is then about one
 * round trip, not one per symbol.
 */
abstract class PerSymbolProvider implements QuoteProvider {
    /** Enough to overlap round trips without looking like a burst to the provider. */
    private static final int PARALLEL_REQUESTS = 8;
    private static final ExecutorService REQUESTS = Executors.newFixedThreadPool(PARALLEL_REQUESTS, r -> {
        Thread thread = new Thread(r, "quote-request");
        thread.setDaemon(true);
        return thread;
    });

    /** The quote, or null when the provider says it has no such symbol. */
    protected abstract Quote quote(String symbol) throws QuoteProviderException;

    @Override
    public final Map<String, Quote> quotes(Set<String> symbols) throws QuoteProviderException {
        List<String> order = new ArrayList<>(symbols);
        List<Future<Quote>> answers = new ArrayList<>(order.size());
        for (String symbol : order) answers.add(REQUESTS.submit(() -> quote(symbol)));
        Map<String, Quote> result = new LinkedHashMap<>();
        try {
            for (int i = 0; i < order.size(); i++) {
                Quote q = answers.get(i).get();
                if (q != null) result.put(order.get(i), q);
            }
            return result;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof QuoteProviderException failure) throw failure;
            if (e.getCause() instanceof RuntimeException bug) throw bug;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QuoteProviderException(name(), QuoteProviderException.Kind.NETWORK, "interrupted", null, e);
        } finally {
            answers.forEach(a -> a.cancel(true)); // a failure fails the whole call: stop the rest
        }
    }
}
