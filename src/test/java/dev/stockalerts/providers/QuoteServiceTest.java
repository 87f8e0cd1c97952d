package dev.stockalerts.providers;

import dev.stockalerts.local.SimulatedClock;
import dev.stockalerts.quote.Quote;
import dev.stockalerts.quote.QuoteLookup;
import dev.stockalerts.quote.QuoteOutcome;
import dev.stockalerts.quote.QuoteProvider;
import dev.stockalerts.quote.QuoteProviderException.Kind;
import dev.stockalerts.quote.QuoteProviderException;
import dev.stockalerts.quote.QuoteService;
import dev.stockalerts.testing.LoopbackHttpServer.Response;
import dev.stockalerts.testing.LoopbackHttpServer;
import dev.stockalerts.time.Deadline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static dev.stockalerts.providers.YahooFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fallback chain over real Yahoo and Finnhub providers talking to one loopback server. */
class QuoteServiceTest {
    private static final String YAHOO_AAPL = "/v8/finance/chart/AAPL";
    private static final String YAHOO_NOPE = "/v8/finance/chart/NOPE";
    private static final String SPARK = "/v7/finance/spark";
    private static final String FINNHUB = "/api/v1/quote";

    private final LoopbackHttpServer server = LoopbackHttpServer.start();
    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2024-11-22T15:00:00Z"));
    private final List<QuoteProviderException> notified = new CopyOnWriteArrayList<>();
    private final ProviderTraffic traffic = Providers.traffic();

    @AfterEach
    void stop() {
        server.close();
    }

    private QuoteService service(Duration ttl, Duration unknownTtl) {
        return new QuoteService(List.of(Providers.yahoo(traffic, server.baseUri()), Providers.finnhub(traffic, server.baseUri())), ttl, unknownTtl, clock, notified::add);
    }

    private QuoteService service(Duration ttl) {
        return service(ttl, Duration.ZERO);
    }

    /** Finnhub knows exactly {@code known}; everything else gets its all-zero "unknown" body. */
    private void finnhubKnows(Set<String> known) {
        server.route(FINNHUB, r -> Response.json(200,
                known.contains(finnhubSymbol(r)) ? FinnhubProviderTest.AAPL : FinnhubProviderTest.UNKNOWN));
    }

    private static String finnhubSymbol(LoopbackHttpServer.Request r) {
        return r.query().replaceAll(".*symbol=([^&]*).*", "$1");
    }

    private List<String> finnhubAskedFor() {
        return server.requests(FINNHUB).stream().map(QuoteServiceTest::finnhubSymbol).sorted().toList();
    }

    @Test
    void fallsBackWhenTheFirstProviderFails() {
        server.route(YAHOO_AAPL, Response.of(503, "Service Unavailable"));
        finnhubKnows(Set.of("AAPL"));
        QuoteService service = service(Duration.ZERO);

        QuoteLookup result = service.lookup(List.of("AAPL"), Deadline.none());

        assertEquals("finnhub", result.quotes().get("AAPL").provider());
        assertEquals(Set.of(), result.unknown());
        assertEquals(Set.of(), result.unavailable());
        assertEquals(List.of(Kind.SERVER_ERROR), result.failures().stream().map(QuoteProviderException::kind).toList());
        assertEquals(result.failures(), notified);
        assertEquals(Map.of("finnhub", 1L, "yahoo", 1L), traffic.requestsByProvider());
    }

    @Test
    void aSymbolOneProviderAnswersBadlyGoesToTheNextAloneAndTheRestStand() {
        server.route(SPARK, Response.json(200, v7(
                v7Entry("AAPL", aaplMeta("1700000000")),
                v7Entry("MSFT", meta("MSFT", "410.5", 1700000000)),
                v7Entry("KO", meta("KO", "61.2", Long.MAX_VALUE)))));
        finnhubKnows(Set.of("KO"));

        QuoteLookup result = service(Duration.ZERO).lookup(List.of("AAPL", "MSFT", "KO"), Deadline.none());

        assertEquals("yahoo", result.quotes().get("AAPL").provider());
        assertEquals("yahoo", result.quotes().get("MSFT").provider());
        assertEquals("finnhub", result.quotes().get("KO").provider());
        assertEquals(List.of("KO"), finnhubAskedFor());
        assertEquals(List.of(Kind.MALFORMED), notified.stream().map(QuoteProviderException::kind).toList());
    }

    @Test
    void laterProvidersAreNotCalledWhenTheFirstHasEverything() {
        server.route(YAHOO_AAPL, Response.json(200, AAPL));
        QuoteService service = service(Duration.ZERO);

        service.lookup(List.of("AAPL"), Deadline.none());

        assertEquals(Map.of("yahoo", 1L), traffic.requestsByProvider());
        assertEquals(1, service.quotesFetched());
    }

    @Test
    void allProvidersFailingMakesTheSymbolUnavailable() {
        server.route(YAHOO_AAPL, Response.of(500, ""))
              .route(FINNHUB, Response.json(429, "{\"error\":\"API limit reached.\"}").withHeader("Retry-After", "60"));

        QuoteLookup result = service(Duration.ZERO).lookup(List.of("AAPL"), Deadline.none());

        assertEquals(Map.of(), result.quotes());
        assertEquals(Set.of("AAPL"), result.unavailable());
        assertEquals(Set.of(), result.unknown());
        assertEquals(List.of(Kind.SERVER_ERROR, Kind.RATE_LIMITED), result.failures().stream().map(QuoteProviderException::kind).toList());
        assertEquals(60L, notified.get(1).retryAfterSeconds());
    }

    @Test
    void manyFailingSymbolsMakeOneNoticePerProviderAndKind() {
        server.route(SPARK, Response.of(503, "Service Unavailable"));
        finnhubKnows(Set.of());
        List<String> symbols = IntStream.range(0, 100).mapToObj(i -> String.format("S%03d", i)).toList();

        QuoteLookup result = service(Duration.ZERO).lookup(symbols, Deadline.none());

        // Yahoo: 5 spark requests failed; Finnhub: 30 answered (all-zero), 70 over its rate.
        assertEquals(List.of("yahoo:SERVER_ERROR", "finnhub:BUDGET"), notified.stream().map(e -> e.provider() + ":" + e.kind()).toList());
        assertTrue(notified.get(0).getMessage().contains("100 symbols (S000, S001, S002, S003, S004, ...)"), notified.get(0).getMessage());
        assertEquals(100, result.unavailable().size());
        assertEquals(Map.of("finnhub", 30L, "yahoo", 5L), traffic.requestsByProvider());
    }

    @Test
    void unknownEverywhereMakesTheSymbolUnknown() {
        server.route(YAHOO_NOPE, Response.json(404, NOT_FOUND));
        finnhubKnows(Set.of());

        QuoteLookup result = service(Duration.ZERO).lookup(List.of("NOPE"), Deadline.none());

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

        QuoteLookup result = service(Duration.ZERO, Duration.ofHours(1)).lookup(List.of("NOPE"), Deadline.none());

        assertEquals(Set.of("NOPE"), result.unavailable());
        assertEquals(Set.of(), result.unknown());
    }

    @Test
    void anUnknownSymbolIsRememberedForItsTtlWithoutAskingAgain() {
        server.route(YAHOO_NOPE, Response.json(404, NOT_FOUND));
        finnhubKnows(Set.of());
        QuoteService service = service(Duration.ofSeconds(60), Duration.ofHours(1));

        service.lookup(List.of("NOPE"), Deadline.none());
        clock.advance(Duration.ofMinutes(59));
        QuoteLookup again = service.lookup(List.of("NOPE"), Deadline.none());

        assertEquals(Set.of("NOPE"), again.unknown());
        assertEquals(1, server.requests(YAHOO_NOPE).size());
        assertEquals(1, server.requests(FINNHUB).size());

        clock.advance(Duration.ofMinutes(1));
        service.lookup(List.of("NOPE"), Deadline.none());
        assertEquals(2, server.requests(YAHOO_NOPE).size());
    }

    @Test
    void duplicateSymbolsAreFetchedOnce() {
        server.route(YAHOO_AAPL, Response.json(200, AAPL));

        QuoteLookup result = service(Duration.ZERO).lookup(List.of("AAPL", "AAPL"), Deadline.none());

        assertEquals(Set.of("AAPL"), result.quotes().keySet());
        assertEquals(1, server.requests(YAHOO_AAPL).size());
    }

    @Test
    void cacheServesWithinTtlAndRefetchesAfter() {
        server.route(YAHOO_AAPL, Response.json(200, AAPL));
        QuoteService service = service(Duration.ofSeconds(60));

        Quote first = service.lookup(List.of("AAPL"), Deadline.none()).quotes().get("AAPL");
        clock.advance(Duration.ofSeconds(59));
        Quote cached = service.lookup(List.of("AAPL"), Deadline.none()).quotes().get("AAPL");

        assertSame(first, cached);
        assertEquals(1, server.requests(YAHOO_AAPL).size());

        clock.advance(Duration.ofSeconds(1)); // exactly at the TTL: stale
        service.lookup(List.of("AAPL"), Deadline.none());
        assertEquals(2, server.requests(YAHOO_AAPL).size());
    }

    @Test
    void zeroTtlsDisableBothCaches() {
        server.route(SPARK, Response.json(200, v7(v7Entry("AAPL", aaplMeta("1700000000")))))
              .route(YAHOO_NOPE, Response.json(404, NOT_FOUND));
        finnhubKnows(Set.of());
        QuoteService service = service(Duration.ZERO, Duration.ZERO);

        service.lookup(List.of("AAPL", "NOPE"), Deadline.none());
        service.lookup(List.of("AAPL", "NOPE"), Deadline.none());

        assertEquals(2, server.requests(SPARK).size());
        assertEquals(2, server.requests(YAHOO_NOPE).size());
    }

    @Test
    void aProviderThatThrowsFailsItsSymbolsNotTheLookup() {
        finnhubKnows(Set.of("AAPL"));
        QuoteProvider broken = new QuoteProvider() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public Map<String, QuoteOutcome> quotes(Set<String> symbols, Deadline deadline) {
                throw new IllegalStateException("a bug");
            }
        };
        QuoteService service = new QuoteService(List.of(broken, Providers.finnhub(traffic, server.baseUri())), Duration.ZERO, Duration.ZERO, clock, notified::add);

        QuoteLookup result = service.lookup(List.of("AAPL"), Deadline.none());

        assertEquals("finnhub", result.quotes().get("AAPL").provider());
        assertEquals("broken", notified.get(0).provider());
    }

    @Test
    void whatTheDeadlineCutsOffComesBackUnavailableInTime() {
        server.route(SPARK, Response.json(200, "{}").delayedBy(Duration.ofSeconds(10)));
        finnhubKnows(Set.of("AAPL", "MSFT"));

        long start = System.nanoTime();
        QuoteLookup result = service(Duration.ZERO).lookup(List.of("AAPL", "MSFT"), Deadline.in(Duration.ofMillis(300)));

        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(2)) < 0, "returned at the deadline");
        assertEquals(Set.of("AAPL", "MSFT"), result.unavailable());
        assertEquals(List.of("yahoo:TIMEOUT", "finnhub:TIMEOUT"), result.failures().stream().map(e -> e.provider() + ":" + e.kind()).toList());
        assertEquals(List.of(), finnhubAskedFor(), "nobody is asked past the deadline");
        assertEquals(1, notified.size(), "only what a provider did is noticed");
    }

    @Test
    void aServiceWithoutProvidersIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new QuoteService(List.of(), Duration.ZERO, Duration.ZERO, clock, e -> { }));
    }
}
