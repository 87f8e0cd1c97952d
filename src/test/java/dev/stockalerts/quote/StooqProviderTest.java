package dev.stockalerts.quote;

import dev.stockalerts.quote.QuoteProviderException.Kind;
import dev.stockalerts.testing.LoopbackHttpServer;
import dev.stockalerts.testing.LoopbackHttpServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StooqProviderTest {
    static final String HEADER = "Symbol,Date,Time,Open,High,Low,Close,Volume\r\n";

    private final LoopbackHttpServer server = LoopbackHttpServer.start();
    private final StooqProvider stooq = new StooqProvider(LoopbackHttpServer.CLIENT, server.baseUri(), Duration.ofSeconds(2));

    @AfterEach
    void stop() {
        server.close();
    }

    /** Answers like Stooq: one CSV row per requested symbol, in request order; unknown ones N/D. */
    private void serve(Map<String, String> rowsByStooqSymbol) {
        server.route("/q/l/", request -> {
            String s = request.query().replaceAll("^s=([^&]*)&.*", "$1");
            StringBuilder csv = new StringBuilder(HEADER);
            for (String sym : s.split(",")) {
                csv.append(rowsByStooqSymbol.getOrDefault(sym, sym.toUpperCase() + ",N/D,N/D,N/D,N/D,N/D,N/D,N/D")).append("\r\n");
            }
            return Response.of(200, csv.toString()).withHeader("Content-Type", "text/csv");
        });
    }

    @Test
    void parsesManySymbolsInOneRequest() throws Exception {
        serve(Map.of(
                "aapl.us", "AAPL.US,2024-11-22,22:00:07,228.06,230.72,228.06,229.87,38168252",
                "brk-b.us", "BRK-B.US,2024-07-01,22:00:04,434.99,437.2,431.5,433.61,3321234"));

        Map<String, Quote> quotes = stooq.quotes(new LinkedHashSet<>(List.of("AAPL", "BRK.B", "XYZ")));

        // Stooq times are Warsaw local: 22:00:07 CET is 21:00:07 UTC, 22:00:04 CEST is 20:00:04 UTC.
        assertEquals(new Quote("AAPL", 229.87, null, null, Instant.parse("2024-11-22T21:00:07Z"), "stooq"), quotes.get("AAPL"));
        assertEquals(new Quote("BRK.B", 433.61, null, null, Instant.parse("2024-07-01T20:00:04Z"), "stooq"), quotes.get("BRK.B"));
        assertEquals(Set.of("AAPL", "BRK.B"), quotes.keySet()); // XYZ answered N/D
        assertEquals(1, server.requests().size());
        assertEquals("s=aapl.us,brk-b.us,xyz.us&f=sd2t2ohlcv&h&e=csv", server.requests().get(0).query());
    }

    @Test
    void unmappableSymbolsAreAbsentWithoutARequest() throws Exception {
        serve(Map.of());
        assertEquals(Map.of(), stooq.quotes(Set.of("^GSPC", "EURUSD=X")));
        assertEquals(0, server.requests().size());
    }

    @Test
    void symbolMapping() {
        assertEquals("aapl.us", StooqProvider.stooqSymbol("AAPL"));
        assertEquals("brk-b.us", StooqProvider.stooqSymbol("BRK-B"));
        assertEquals("brk-b.us", StooqProvider.stooqSymbol("BRK.B"));
        assertNull(StooqProvider.stooqSymbol("^GSPC"));
        assertNull(StooqProvider.stooqSymbol("EURUSD=X"));
    }

    @Test
    void splitsLargeRequestsIntoBatches() throws Exception {
        serve(Map.of());
        Set<String> symbols = IntStream.range(0, 120)
                .mapToObj(i -> "S" + (char) ('A' + i / 26) + (char) ('A' + i % 26))
                .collect(Collectors.toCollection(LinkedHashSet::new));

        stooq.quotes(symbols);

        List<Integer> sizes = server.requests().stream()
                .map(r -> r.query().replaceAll("^s=([^&]*)&.*", "$1").split(",").length).toList();
        assertEquals(List.of(50, 50, 20), sizes);
    }

    @Test
    void badCloseIsMalformed() {
        serve(Map.of("aapl.us", "AAPL.US,2024-11-22,22:00:07,228.06,230.72,228.06,abc,38168252"));
        assertEquals(Kind.MALFORMED, assertThrows(QuoteProviderException.class, () -> stooq.quotes(Set.of("AAPL"))).kind());
    }

    @Test
    void dailyLimitTextIsRateLimited() {
        server.route("/q/l/", Response.of(200, "Exceeded the daily hits limit"));
        assertEquals(Kind.RATE_LIMITED, assertThrows(QuoteProviderException.class, () -> stooq.quotes(Set.of("AAPL"))).kind());
    }
}
