package dev.stockalerts.providers;

import dev.stockalerts.providers.FinnhubProvider;
import dev.stockalerts.providers.ProviderTraffic;
import dev.stockalerts.quote.Quote;
import dev.stockalerts.quote.QuoteOutcome;
import dev.stockalerts.quote.QuoteProvider;
import dev.stockalerts.quote.QuoteProviderException.Kind;
import dev.stockalerts.quote.QuoteProviderException;
import dev.stockalerts.testing.LoopbackHttpServer.Response;
import dev.stockalerts.testing.LoopbackHttpServer;
import dev.stockalerts.time.Deadline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FinnhubProviderTest {
    static final String AAPL = "{\"c\":261.74,\"d\":0.85,\"dp\":0.3258,\"h\":263.31,\"l\":260.68,\"o\":261.07,\"pc\":260.89,\"t\":1700000000}";
    static final String UNKNOWN = "{\"c\":0,\"d\":null,\"dp\":null,\"h\":0,\"l\":0,\"o\":0,\"pc\":0,\"t\":0}";

    private final LoopbackHttpServer server = LoopbackHttpServer.start();
    private final ProviderTraffic traffic = Providers.traffic();
    private final FinnhubProvider finnhub = Providers.finnhub(traffic, server.baseUri());

    @AfterEach
    void stop() {
        server.close();
    }

    /** Answers per ?symbol=, like Finnhub: known symbols get a quote, others the all-zero body. */
    private void serve(Map<String, String> bodies) {
        server.route("/api/v1/quote", request -> {
            String symbol = request.query().replaceAll(".*symbol=([^&]*).*", "$1");
            return Response.json(200, bodies.getOrDefault(symbol, UNKNOWN));
        });
    }

    private static Map<String, QuoteOutcome> quotes(QuoteProvider provider, List<String> symbols) {
        return provider.quotes(new LinkedHashSet<>(symbols), Deadline.none());
    }

    @Test
    void parsesEveryFieldAndSendsTheSymbolInTheQueryAndTheTokenInItsHeader() {
        serve(Map.of("AAPL", AAPL));

        Quote q = Providers.one(finnhub, "AAPL").quote();

        assertEquals(new Quote("AAPL", 261.74, 260.89, null, Instant.ofEpochSecond(1700000000), "finnhub",
                263.31, 260.68, LocalDate.parse("2023-11-14")), q);
        assertEquals("symbol=AAPL", server.onlyRequest().query(), "the key never travels in the URL, which gets logged");
        assertEquals("k3y", server.onlyRequest().header("X-Finnhub-Token"));
    }

    @Test
    void allZeroBodyMeansUnknownSymbol() {
        serve(Map.of("AAPL", AAPL));

        Map<String, QuoteOutcome> outcomes = quotes(finnhub, List.of("AAPL", "NOPE"));

        assertTrue(outcomes.get("AAPL").isFound());
        assertTrue(outcomes.get("NOPE").isUnknown());
        assertEquals(2, server.requests().size());
    }

    @Test
    void encodesSymbolInQuery() {
        serve(Map.of("%5EGSPC", AAPL));
        assertTrue(Providers.one(finnhub, "^GSPC").isFound());
    }

    @Test
    void badKeyIsClientErrorAndTheKeyStaysOutOfTheMessage() {
        server.route("/api/v1/quote", Response.json(401, "{\"error\":\"Invalid API key\"}"));
        assertEquals(Kind.CLIENT_ERROR, Providers.one(finnhub, "AAPL").failure().kind());

        server.route("/api/v1/quote", Response.json(403, "{\"error\":\"You don't have access to this resource.\"}"));
        QuoteProviderException e = Providers.one(finnhub, "AAPL").failure();
        assertEquals(Kind.CLIENT_ERROR, e.kind());
        assertTrue(!e.getMessage().contains("k3y"), e.getMessage());
    }

    @Test
    void badDataFailsItsOwnSymbolOnly() {
        serve(Map.of(
                "AAPL", AAPL,
                "MSFT", "{\"error\":\"Symbol not supported\"}",                       // no price
                "KO", "{\"c\":-61.2,\"h\":0,\"l\":0,\"pc\":60.1,\"t\":1700000000}",      // a negative price
                "PEP", "{\"c\":170.2,\"h\":171,\"l\":169,\"pc\":169.5,\"t\":1e20}",      // a time no Instant holds
                "JNJ", "[1,2,3]"));                                                    // not an object

        Map<String, QuoteOutcome> outcomes = quotes(finnhub, List.of("AAPL", "MSFT", "KO", "PEP", "JNJ"));

        assertTrue(outcomes.get("AAPL").isFound());
        for (String bad : List.of("MSFT", "KO", "PEP", "JNJ")) assertEquals(Kind.MALFORMED, outcomes.get(bad).failure().kind(), bad);
    }

    @Test
    void anImplausibleDayRangeIsDroppedNotTheQuote() {
        serve(Map.of("AAPL", "{\"c\":261.74,\"h\":250,\"l\":270,\"pc\":260.89,\"t\":1700000000}"));

        Quote q = Providers.one(finnhub, "AAPL").quote();

        assertEquals(261.74, q.price());
        assertEquals(null, q.dayHigh());
        assertEquals(null, q.dayLow());
    }

    @Test
    void callsBeyondTheFreeTierRateFailAsBudgetWithoutBeingSent() {
        serve(Map.of());
        AtomicLong nanos = new AtomicLong();
        FinnhubProvider limited = new FinnhubProvider(traffic, server.baseUri(), "k3y", Providers.TIMEOUT, 60, 100, nanos::get);
        List<String> symbols = IntStream.range(0, 40).mapToObj(i -> "S" + (char) ('A' + i / 26) + (char) ('A' + i % 26)).toList();

        Map<String, QuoteOutcome> first = quotes(limited, symbols);

        // 30 at once (the per-second cap, half the minute's 60); the other 30 come over the minute.
        assertEquals(30, server.requests().size());
        assertEquals(10, first.values().stream().filter(o -> o.isFailed() && o.failure().kind() == Kind.BUDGET).count());

        nanos.addAndGet(10_000_000_000L); // 10 s: 5 more
        quotes(limited, symbols);
        assertEquals(35, server.requests().size());

        nanos.addAndGet(3_600_000_000_000L); // an hour: full again, but never more than 30 at once
        quotes(limited, symbols);
        assertEquals(65, server.requests().size());
    }
}
