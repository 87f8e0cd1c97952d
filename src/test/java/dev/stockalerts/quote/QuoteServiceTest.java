package dev.stockalerts.quote;

import dev.stockalerts.local.SimulatedClock;

import dev.stockalerts.quote.QuoteProviderException.Kind;
import dev.stockalerts.testing.LoopbackHttpServer;
import dev.stockalerts.testing.LoopbackHttpServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fallback chain over real Yahoo and Finnhub providers talking to one loopback server. */
class QuoteServiceTest {
    private static final String YAHOO_AAPL = "/v8/finance/chart/AAPL";
    private static final String YAHOO_MSFT = "/v8/finance/chart/MSFT";
    private static final String YAHOO_NOPE = "/v8/finance/chart/NOPE";
    private static final String FINNHUB = "/api/v1/quote";

    private final LoopbackHttpServer server = LoopbackHttpServer.start();
    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2024-11-22T15:00:00Z"));
    private final List<QuoteProviderException> notified = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        server.close();
    }

    private QuoteService service(Duration ttl) {
        Duration timeout = Duration.ofSeconds(2);
        List<QuoteProvider> chain = List.of(
                new YahooChartProvider(LoopbackHttpServer.CLIENT, server.baseUri(), timeout),
                new FinnhubProvider(LoopbackHttpServer.CLIENT, server.baseUri(), "k", timeout));
        return new QuoteService(chain, ttl, clock, notified::add);
    }

    /** Finnhub knows exactly {@code known}; everything else gets its all-zero "unknown" body. */
    private void finnhubKnows(Set<String> known) {
        server.route(FINNHUB, r -> Response.json(200,
                known.contains(finnhubSymbol(r)) ? FinnhubProviderTest.AAPL : FinnhubProviderTest.UNKNOWN));
    }

    private static String finnhubSymbol(LoopbackHttpServer.Request r) {
        return r.query().replaceAll(".*symbol=([^&]*).*", "$1");
    }

    @Test
    void fallsBackWhenFirstProviderFails() {
        server.route(YAHOO_AAPL, Response.of(503, "Service Unavailable"));
        finnhubKnows(Set.of("AAPL"));
        QuoteService service = service(Duration.ZERO);

        QuoteLookup result = service.lookup(List.of("AAPL"));

        assertEquals("finnhub", result.quotes().get("AAPL").provider());
        assertEquals(Set.of(), result.unknown());
        assertEquals(Set.of(), result.unavailable());
        assertEquals(1, result.failures().size());
        assertEquals(Kind.SERVER_ERROR, result.failures().get(0).kind());
        assertEquals(result.failures(), notified);
        assertEquals(2, service.providerCalls());
    }

    @Test
    void nextProviderIsAskedOnlyForWhatIsStillMissing() {
        server.route(YAHOO_AAPL, Response.json(200, YahooChartProviderTest.AAPL))
              .route(YAHOO_MSFT, Response.json(404, YahooChartProviderTest.NOT_FOUND));
        finnhubKnows(Set.of("MSFT"));

        QuoteLookup result = service(Duration.ZERO).lookup(List.of("AAPL", "MSFT"));

        assertEquals("yahoo", result.quotes().get("AAPL").provider());
        assertEquals("finnhub", result.quotes().get("MSFT").provider());
        assertEquals(List.of("MSFT"), server.requests(FINNHUB).stream().map(QuoteServiceTest::finnhubSymbol).toList());
        assertTrue(result.failures().isEmpty());
    }

    @Test
    void laterProvidersAreNotCalledWhenFirstHasEverything() {
        server.route(YAHOO_AAPL, Response.json(200, YahooChartProviderTest.AAPL));
        QuoteService service = service(Duration.ZERO);

        service.lookup(List.of("AAPL"));

        assertEquals(0, server.requests(FINNHUB).size());
        assertEquals(1, service.providerCalls());
        assertEquals(1, service.quotesFetched());
    }

    @Test
    void allProvidersFailingMakesSymbolUnavailable() {
        server.route(YAHOO_AAPL, Response.of(500, ""))
              .route(FINNHUB, Response.json(429, "{\"error\":\"API limit reached.\"}").withHeader("Retry-After", "60"));

        QuoteLookup result = service(Duration.ZERO).lookup(List.of("AAPL"));

        assertEquals(Map.of(), result.quotes());
        assertEquals(Set.of("AAPL"), result.unavailable());
        assertEquals(Set.of(), result.unknown());
        assertEquals(List.of(Kind.SERVER_ERROR, Kind.RATE_LIMITED), result.failures().stream().map(QuoteProviderException::kind).toList());
        assertEquals(2, notified.size());
        assertEquals(60L, notified.get(1).retryAfterSeconds());
    }

    @Test
    void unknownEverywhereMakesSymbolUnknown() {
        server.route(YAHOO_NOPE, Response.json(404, YahooChartProviderTest.NOT_FOUND));
        finnhubKnows(Set.of());

        QuoteLookup result = service(Duration.ZERO).lookup(List.of("NOPE"));

        assertEquals(Set.of("NOPE"), result.unknown());
        assertEquals(Set.of(), result.unavailable());
        assertTrue(result.failures().isEmpty());
        assertTrue(notified.isEmpty());
    }

    @Test
    void unknownAfterAFailureIsOnlyUnavailable() {
        // Yahoo failed, so Finnhub's "unknown" does not prove the symbol is invalid.
        server.route(YAHOO_NOPE, Response.of(500, ""));
        finnhubKnows(Set.of());

        QuoteLookup result = service(Duration.ZERO).lookup(List.of("NOPE"));

        assertEquals(Set.of("NOPE"), result.unavailable());
        assertEquals(Set.of(), result.unknown());
    }

    @Test
    void duplicateSymbolsAreFetchedOnce() {
        server.route(YAHOO_AAPL, Response.json(200, YahooChartProviderTest.AAPL));

        QuoteLookup result = service(Duration.ZERO).lookup(List.of("AAPL", "AAPL"));

        assertEquals(Set.of("AAPL"), result.quotes().keySet());
        assertEquals(1, server.requests(YAHOO_AAPL).size());
    }

    @Test
    void cacheServesWithinTtlAndRefetchesAfter() {
        server.route(YAHOO_AAPL, Response.json(200, YahooChartProviderTest.AAPL));
        QuoteService service = service(Duration.ofSeconds(60));

        Quote first = service.lookup(List.of("AAPL")).quotes().get("AAPL");
        clock.advance(Duration.ofSeconds(59));
        Quote cached = service.lookup(List.of("AAPL")).quotes().get("AAPL");

        assertSame(first, cached);
        assertEquals(1, server.requests(YAHOO_AAPL).size());
        assertEquals(1, service.providerCalls());
        assertEquals(1, service.cacheHits());

        clock.advance(Duration.ofSeconds(1)); // exactly at the TTL: stale
        service.lookup(List.of("AAPL"));
        assertEquals(2, server.requests(YAHOO_AAPL).size());
        assertEquals(2, service.providerCalls());
    }

    @Test
    void zeroTtlDisablesCache() {
        server.route(YAHOO_AAPL, Response.json(200, YahooChartProviderTest.AAPL));
        QuoteService service = service(Duration.ZERO);

        service.lookup(List.of("AAPL"));
        service.lookup(List.of("AAPL"));

        assertEquals(2, server.requests(YAHOO_AAPL).size());
    }

    @Test
    void onlySuccessfulQuotesAreCached() {
        server.route(YAHOO_AAPL, Response.json(200, YahooChartProviderTest.AAPL))
              .route(YAHOO_NOPE, Response.json(404, YahooChartProviderTest.NOT_FOUND));
        finnhubKnows(Set.of());
        QuoteService service = service(Duration.ofSeconds(60));

        service.lookup(List.of("AAPL", "NOPE"));
        QuoteLookup again = service.lookup(List.of("AAPL", "NOPE"));

        assertEquals(Set.of("AAPL"), again.quotes().keySet());
        assertEquals(Set.of("NOPE"), again.unknown());
        assertEquals(1, server.requests(YAHOO_AAPL).size());
        assertEquals(2, server.requests(YAHOO_NOPE).size());
    }

    @Test
    void needsAProvider() {
        assertThrows(IllegalArgumentException.class, () -> new QuoteService(List.of(), Duration.ZERO, clock, e -> { }));
    }
}
