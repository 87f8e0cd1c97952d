package dev.stockalerts.quote;

import dev.stockalerts.local.SimulatedClock;
import dev.stockalerts.time.Deadline;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The quote cache stays bounded however many distinct symbols the public route is asked for. */
class QuoteCacheBoundTest {
    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-11-23T14:00:00Z"));
    private final AtomicInteger asked = new AtomicInteger();
    /** Knows every symbol, at 100. */
    private final QuoteProvider everything = new QuoteProvider() {
        @Override
        public String name() {
            return "all";
        }

        @Override
        public Map<String, QuoteOutcome> quotes(Set<String> symbols, Deadline deadline) {
            Map<String, QuoteOutcome> found = new HashMap<>();
            for (String s : symbols) {
                asked.incrementAndGet();
                found.put(s, QuoteOutcome.found(new Quote(s, 100, 99.0, "USD", clock.instant(), name())));
            }
            return found;
        }
    };
    private final QuoteService quotes = new QuoteService(List.of(everything), Duration.ofSeconds(60), Duration.ofHours(1),
            clock, failure -> {});

    private void lookUp(String symbol) {
        quotes.lookup(List.of(symbol), Deadline.none());
    }

    @Test
    void fullOfLiveQuotesItKeepsNoMoreAndFreshOnesStillComeFromTheProviders() {
        for (int i = 0; i < QuoteService.MAX_CACHED; i++) lookUp("S" + i);
        assertEquals(QuoteService.MAX_CACHED, quotes.cached());

        lookUp("ONE-TOO-MANY");
        assertEquals(QuoteService.MAX_CACHED, quotes.cached(), "capped");
        lookUp("ONE-TOO-MANY");
        assertEquals(QuoteService.MAX_CACHED + 2, asked.get(), "not cached: asked again");
        lookUp("S0");
        assertEquals(QuoteService.MAX_CACHED + 2, asked.get(), "what is cached is still served");
    }

    @Test
    void expiredQuotesAreSweptToMakeRoom() {
        for (int i = 0; i < QuoteService.MAX_CACHED; i++) lookUp("S" + i);
        clock.advance(Duration.ofSeconds(61));
        lookUp("LATER");
        assertEquals(1, quotes.cached(), "every expired quote went in one sweep");
    }
}
