package dev.stockalerts.providers;

import dev.stockalerts.quote.QuoteOutcome;
import dev.stockalerts.quote.QuoteProviderException.Kind;
import dev.stockalerts.quote.QuoteProviderException;
import dev.stockalerts.time.Deadline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The requests one provider makes for one lookup, each answering for a few symbols. At most {@code budget}
 * go out (the symbols of the rest fail as BUDGET), no more at once than {@link ProviderTraffic} allows,
 * and what has not answered by the deadline fails as TIMEOUT. A failed request fails its own symbols only.
 */
final class RequestRound {
    /** One request's worth of work: outcomes for its symbols (a symbol left out is for the caller to judge). */
    @FunctionalInterface
    interface Call {
        Map<String, QuoteOutcome> answer() throws QuoteProviderException;
    }

    record Request(List<String> symbols, Call call) {}

    private final ProviderHttp http;
    private final int budget;
    private int left;

    RequestRound(ProviderHttp http, int budget) {
        if (budget < 1) throw new IllegalArgumentException("budget must be at least 1: " + budget);
        this.http = http;
        this.budget = budget;
        this.left = budget;
    }

    /** Sends what the budget allows, in parallel, and waits for the answers until the deadline. */
    Map<String, QuoteOutcome> run(List<Request> requests, Deadline deadline) {
        Map<String, QuoteOutcome> outcomes = new LinkedHashMap<>();
        List<Request> sent = new ArrayList<>();
        List<Future<Map<String, QuoteOutcome>>> answers = new ArrayList<>();
        QuoteProviderException overBudget = null;
        for (Request request : requests) {
            if (left == 0) {
                if (overBudget == null) {
                    overBudget = new QuoteProviderException(http.provider(), Kind.BUDGET,
                            "its " + budget + " requests per lookup are spent");
                }
                failAll(outcomes, request.symbols(), overBudget);
                continue;
            }
            left--;
            sent.add(request);
            answers.add(http.traffic().submit(request.call()::answer));
        }
        for (int i = 0; i < sent.size(); i++) collect(sent.get(i), answers.get(i), deadline, outcomes);
        return outcomes;
    }

    private void collect(Request request, Future<Map<String, QuoteOutcome>> answer, Deadline deadline,
                         Map<String, QuoteOutcome> outcomes) {
        try {
            Map<String, QuoteOutcome> got = answer.get(deadline.remaining().plus(Deadline.TIMER_GRACE).toNanos(), TimeUnit.NANOSECONDS);
            for (String symbol : request.symbols()) {
                QuoteOutcome outcome = got.get(symbol);
                if (outcome != null) outcomes.put(symbol, outcome);
            }
        } catch (ExecutionException e) {
            failAll(outcomes, request.symbols(), e.getCause() instanceof QuoteProviderException failure ? failure
                    // A parser bug must cost this request's symbols, not the run: reported like bad data.
                    : http.malformed("unexpected " + e.getCause(), e.getCause()));
        } catch (TimeoutException e) {
            answer.cancel(true);
            failAll(outcomes, request.symbols(), new QuoteProviderException(http.provider(), Kind.TIMEOUT,
                    "no answer before the lookup's deadline", null, e));
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            failAll(outcomes, request.symbols(), new QuoteProviderException(http.provider(), Kind.NETWORK, "interrupted", null, e));
        }
    }

    private static void failAll(Map<String, QuoteOutcome> outcomes, List<String> symbols, QuoteProviderException failure) {
        QuoteOutcome failed = QuoteOutcome.failed(failure);
        for (String symbol : symbols) outcomes.put(symbol, failed);
    }
}
