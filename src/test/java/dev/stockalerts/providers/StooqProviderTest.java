package dev.stockalerts.providers;

import dev.stockalerts.providers.StooqProvider;
import dev.stockalerts.quote.Quote;
import dev.stockalerts.quote.QuoteOutcome;
import dev.stockalerts.quote.QuoteProviderException.Kind;
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
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StooqProviderTest {
    static final String HEADER = "Symbol,Date,Time,Open,High,Low,Close,Volume\r\n";

    private final LoopbackHttpServer server = LoopbackHttpServer.start();
    private final StooqProvider stooq = Providers.stooq(Providers.traffic(), server.baseUri());

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

    private Map<String, QuoteOutcome> quotes(String... symbols) {
        return stooq.quotes(new LinkedHashSet<>(List.of(symbols)), Deadline.none());
    }

    @Test
    void parsesManySymbolsInOneRequestWithTheDayRange() {
        serve(Map.of(
                "aapl.us", "AAPL.US,2024-11-22,22:00:07,228.06,230.72,228.06,229.87,38168252",
                "brk-b.us", "BRK-B.US,2024-07-01,22:00:04,434.99,437.2,431.5,433.61,3321234"));

        Map<String, QuoteOutcome> outcomes = quotes("AAPL", "BRK.B", "XYZ");

        // Stooq times are Warsaw local: 22:00:07 CET is 21:00:07 UTC, 22:00:04 CEST is 20:00:04 UTC.
        assertEquals(new Quote("AAPL", 229.87, null, null, Instant.parse("2024-11-22T21:00:07Z"), "stooq",
                230.72, 228.06, LocalDate.parse("2024-11-22")), outcomes.get("AAPL").quote());
        assertEquals(new Quote("BRK.B", 433.61, null, null, Instant.parse("2024-07-01T20:00:04Z"), "stooq",
                437.2, 431.5, LocalDate.parse("2024-07-01")), outcomes.get("BRK.B").quote());
        assertTrue(outcomes.get("XYZ").isUnknown()); // answered N/D
        assertEquals("s=aapl.us,brk-b.us,xyz.us&f=sd2t2ohlcv&h&e=csv", server.onlyRequest().query());
    }

    @Test
    void unmappableSymbolsAreUnknownWithoutARequest() {
        serve(Map.of());
        Map<String, QuoteOutcome> outcomes = quotes("^GSPC", "EURUSD=X");
        assertTrue(outcomes.values().stream().allMatch(QuoteOutcome::isUnknown));
        assertEquals(0, server.requests().size());
    }

    @Test
    void stooqSymbolsCarryTheUsSuffixAndIndicesAndCurrenciesHaveNone() {
        assertEquals("aapl.us", StooqProvider.stooqSymbol("AAPL"));
        assertEquals("brk-b.us", StooqProvider.stooqSymbol("BRK-B"));
        assertEquals("brk-b.us", StooqProvider.stooqSymbol("BRK.B"));
        assertNull(StooqProvider.stooqSymbol("^GSPC"));
        assertNull(StooqProvider.stooqSymbol("EURUSD=X"));
    }

    @Test
    void splitsLargeRequestsIntoBatches() {
        serve(Map.of());
        String[] symbols = IntStream.range(0, 120).mapToObj(i -> "S" + (char) ('A' + i / 26) + (char) ('A' + i % 26)).toArray(String[]::new);

        quotes(symbols);

        List<Integer> sizes = server.requests().stream()
                .map(r -> r.query().replaceAll("^s=([^&]*)&.*", "$1").split(",").length).sorted().toList();
        assertEquals(List.of(20, 50, 50), sizes);
    }

    @Test
    void aBadRowFailsItsOwnSymbolOnly() {
        serve(Map.of(
                "aapl.us", "AAPL.US,2024-11-22,22:00:07,228.06,230.72,228.06,abc,38168252",
                "msft.us", "MSFT.US,2024-11-22,22:00:07,415.0,417.1,414.2,0,2100000",
                "ko.us", "KO.US,2024-13-45,22:00:07,61.0,61.5,60.8,61.2,1200000",
                "pep.us", "PEP.US,2024-11-22,22:00:07,160.0,161.2,159.8,160.9,1400000"));

        Map<String, QuoteOutcome> outcomes = quotes("AAPL", "MSFT", "KO", "PEP");

        for (String bad : List.of("AAPL", "MSFT", "KO")) assertEquals(Kind.MALFORMED, outcomes.get(bad).failure().kind(), bad);
        assertEquals(160.9, outcomes.get("PEP").quote().price());
    }

    @Test
    void aSymbolMissingFromTheAnswerFailsAlone() {
        server.route("/q/l/", Response.of(200, HEADER + "AAPL.US,2024-11-22,22:00:07,228.06,230.72,228.06,229.87,38168252\r\n"));

        Map<String, QuoteOutcome> outcomes = quotes("AAPL", "MSFT");

        assertTrue(outcomes.get("AAPL").isFound());
        assertEquals(Kind.MALFORMED, outcomes.get("MSFT").failure().kind());
    }

    @Test
    void nonsenseInsteadOfCsvFailsTheRequestsSymbols() {
        server.route("/q/l/", Response.of(200, "<html>maintenance</html>"));
        Map<String, QuoteOutcome> outcomes = quotes("AAPL", "MSFT");
        assertEquals(Set.of(Kind.MALFORMED), outcomes.values().stream().map(o -> o.failure().kind()).collect(Collectors.toSet()));
    }

    @Test
    void dailyLimitTextIsRateLimited() {
        server.route("/q/l/", Response.of(200, "Exceeded the daily hits limit"));
        assertEquals(Kind.RATE_LIMITED, Providers.one(stooq, "AAPL").failure().kind());
    }
}
