package dev.stockalerts.providers;

import dev.stockalerts.providers.ProviderTraffic;
import dev.stockalerts.providers.YahooProvider;
import dev.stockalerts.quote.Quote;
import dev.stockalerts.quote.QuoteOutcome;
import dev.stockalerts.quote.QuoteProvider;
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

import static dev.stockalerts.providers.YahooFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Yahoo's chart (one symbol) and spark (many) endpoints, served in their real shapes on loopback. */
class YahooProviderTest {
    private static final String CHART_AAPL = "/v8/finance/chart/AAPL";
    private static final String V7 = "/v7/finance/spark";
    private static final String V8 = "/v8/finance/spark";

    private final LoopbackHttpServer server = LoopbackHttpServer.start();
    private final ProviderTraffic traffic = Providers.traffic();
    private final YahooProvider yahoo = Providers.yahoo(traffic, server.baseUri());

    @AfterEach
    void stop() {
        server.close();
    }

    private Map<String, QuoteOutcome> quotes(QuoteProvider provider, String... symbols) {
        return provider.quotes(new LinkedHashSet<>(List.of(symbols)), Deadline.none());
    }

    private static List<String> sparkSymbols(LoopbackHttpServer.Request r) {
        return List.of(r.query().replaceAll("^symbols=([^&]*)&.*", "$1").split(","));
    }

    @Test
    void oneSymbolComesFromTheChartWithTheDayRangeAndTradingDay() {
        server.route(CHART_AAPL, Response.json(200, AAPL));

        QuoteOutcome outcome = Providers.one(yahoo, "AAPL");

        assertEquals(new Quote("AAPL", 189.84, 187.15, "USD", Instant.ofEpochSecond(1700000000), "yahoo",
                190.9, 188.4, LocalDate.parse("2023-11-14")), outcome.quote());
        LoopbackHttpServer.Request request = server.onlyRequest();
        assertEquals("range=1d&interval=1d", request.query());
        assertNotNull(request.header("User-Agent"));
        assertEquals(Map.of("yahoo", 1L), traffic.requestsByProvider());
    }

    @Test
    void chartEncodesTheSymbolAndFallsBackToChartPreviousClose() {
        server.route("/v8/finance/chart/%5EGSPC", Response.json(200, GSPC));

        Quote q = Providers.one(yahoo, "^GSPC").quote();

        assertEquals(new Quote("^GSPC", 4502.88, 4411.55, "USD", Instant.ofEpochSecond(1700000100), "yahoo"), q);
    }

    @Test
    void chartNotFoundBodyMeansUnknownButABare404IsAClientError() {
        server.route("/v8/finance/chart/NOPE", Response.json(404, NOT_FOUND));

        assertTrue(Providers.one(yahoo, "NOPE").isUnknown());
        // e.g. a misconfigured base URL: must not silently turn every symbol "unknown".
        assertEquals(Kind.CLIENT_ERROR, Providers.one(yahoo, "AAPL").failure().kind());
    }

    @Test
    void manySymbolsGoToV7SparkInOneRequest() {
        server.route(V7, Response.json(200, v7(v7Entry("AAPL", aaplMeta("1700000000")),
                v7Entry("MSFT", meta("MSFT", "410.5", 1700000000)))));

        Map<String, QuoteOutcome> outcomes = quotes(yahoo, "AAPL", "MSFT");

        assertEquals(new Quote("AAPL", 189.84, 187.15, "USD", Instant.ofEpochSecond(1700000000), "yahoo",
                190.9, 188.4, LocalDate.parse("2023-11-14")), outcomes.get("AAPL").quote());
        assertEquals(410.5, outcomes.get("MSFT").quote().price());
        assertEquals(412.5, outcomes.get("MSFT").quote().dayHigh());
        assertEquals("symbols=AAPL,MSFT&range=1d&interval=5m", server.onlyRequest().query());
    }

    @Test
    void v8SparkShapeGivesTheLastCloseAndItsTime() {
        YahooProvider v8 = new YahooProvider(traffic, server.baseUri(), Providers.TIMEOUT, YahooProvider.SPARK_V8, 20, 100);
        server.route(V8, Response.json(200, V8_AAPL_MSFT));

        Map<String, QuoteOutcome> outcomes = quotes(v8, "AAPL", "MSFT");

        // The last bar of AAPL had no trade: the close before it, at its own time. No currency, no range in v8.
        assertEquals(new Quote("AAPL", 189.84, 187.15, null, Instant.ofEpochSecond(1699999500), "yahoo"), outcomes.get("AAPL").quote());
        assertEquals(new Quote("MSFT", 370.02, 366.68, null, Instant.ofEpochSecond(1699999800), "yahoo"), outcomes.get("MSFT").quote());
        assertEquals(1, server.requests(V8).size());
    }

    @Test
    void sparkRequestsHoldAtMostTwentySymbols() {
        server.route(V7, r -> Response.json(200, v7(sparkSymbols(r).stream()
                .map(s -> v7Entry(s, meta(s, "10", 1700000000))).toArray(String[]::new))));
        String[] symbols = IntStream.range(0, 45).mapToObj(i -> "S" + (char) ('A' + i / 26) + (char) ('A' + i % 26)).toArray(String[]::new);

        Map<String, QuoteOutcome> outcomes = quotes(yahoo, symbols);

        assertTrue(outcomes.values().stream().allMatch(QuoteOutcome::isFound));
        assertEquals(List.of(5, 20, 20), server.requests(V7).stream().map(r -> sparkSymbols(r).size()).sorted().toList());
        assertEquals(3L, traffic.requests());
    }

    @Test
    void aSymbolSparkLeavesOutIsAskedOfTheChartAlone() {
        server.route(V7, Response.json(200, v7(v7Entry("AAPL", aaplMeta("1700000000")))))
              .route("/v8/finance/chart/NOPE", Response.json(404, NOT_FOUND));

        Map<String, QuoteOutcome> outcomes = quotes(yahoo, "AAPL", "NOPE");

        assertTrue(outcomes.get("AAPL").isFound());
        assertTrue(outcomes.get("NOPE").isUnknown());
        assertEquals(1, server.requests("/v8/finance/chart/NOPE").size());
        assertEquals(0, server.requests(CHART_AAPL).size());
    }

    @Test
    void sparkNotFoundForTheWholeBatchLeavesEachToTheChart() {
        server.route(V7, Response.json(404, SPARK_NOT_FOUND))
              .route("/v8/finance/chart/NOPE", Response.json(404, NOT_FOUND))
              .route("/v8/finance/chart/NADA", Response.json(404, NOT_FOUND));

        Map<String, QuoteOutcome> outcomes = quotes(yahoo, "NOPE", "NADA");

        assertTrue(outcomes.get("NOPE").isUnknown());
        assertTrue(outcomes.get("NADA").isUnknown());
    }

    @Test
    void badDataInOneSparkEntryFailsThatSymbolOnly() {
        server.route(V7, Response.json(200, v7(
                v7Entry("AAPL", aaplMeta("1e20")),                  // a time no Instant holds
                v7Entry("MSFT", meta("MSFT", "-3.5", 1700000000)),    // a negative price
                v7Entry("KO", meta("KO", "\"n/a\"", 1700000000)),     // not a number
                "{\"symbol\":\"PEP\",\"response\":[]}",               // no meta at all
                v7Entry("JNJ", meta("JNJ", "152.3", 1700000000)))));

        Map<String, QuoteOutcome> outcomes = quotes(yahoo, "AAPL", "MSFT", "KO", "PEP", "JNJ");

        for (String bad : List.of("AAPL", "MSFT", "KO", "PEP")) {
            assertEquals(Kind.MALFORMED, outcomes.get(bad).failure().kind(), bad);
            assertTrue(outcomes.get(bad).failure().getMessage().contains(bad), outcomes.get(bad).failure().getMessage());
        }
        assertEquals(152.3, outcomes.get("JNJ").quote().price());
    }

    @Test
    void anOutOfRangeTimeOnTheChartIsThatSymbolsFailureNotAnException() {
        server.route(CHART_AAPL, Response.json(200, chart(aaplMeta("1e20"))));

        QuoteOutcome outcome = Providers.one(yahoo, "AAPL");

        assertEquals(Kind.MALFORMED, outcome.failure().kind());
        assertTrue(outcome.failure().getMessage().contains("regularMarketTime"), outcome.failure().getMessage());
    }

    @Test
    void aFailedSparkRequestFailsItsOwnBatchOnly() {
        server.route(V7, r -> sparkSymbols(r).contains("S00")
                ? Response.of(503, "Service Unavailable")
                : Response.json(200, v7(sparkSymbols(r).stream().map(s -> v7Entry(s, meta(s, "10", 1700000000))).toArray(String[]::new))));
        String[] symbols = IntStream.range(0, 40).mapToObj(i -> String.format("S%02d", i)).toArray(String[]::new);

        Map<String, QuoteOutcome> outcomes = quotes(yahoo, symbols);

        Set<String> failed = outcomes.entrySet().stream().filter(e -> e.getValue().isFailed()).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        assertEquals(IntStream.range(0, 20).mapToObj(i -> String.format("S%02d", i)).collect(Collectors.toSet()), failed);
        assertEquals(Kind.SERVER_ERROR, outcomes.get("S00").failure().kind());
        assertEquals(20, outcomes.values().stream().filter(QuoteOutcome::isFound).count());
    }

    @Test
    void requestsPastTheBudgetFailAsBudgetWithoutBeingSent() {
        YahooProvider twoRequests = new YahooProvider(traffic, server.baseUri(), Providers.TIMEOUT, YahooProvider.SPARK_V7, 20, 2);
        server.route(V7, r -> Response.json(200, v7(sparkSymbols(r).stream()
                .map(s -> v7Entry(s, meta(s, "10", 1700000000))).toArray(String[]::new))));
        String[] symbols = IntStream.range(0, 60).mapToObj(i -> String.format("S%02d", i)).toArray(String[]::new);

        Map<String, QuoteOutcome> outcomes = quotes(twoRequests, symbols);

        assertEquals(40, outcomes.values().stream().filter(QuoteOutcome::isFound).count());
        assertEquals(20, outcomes.values().stream().filter(o -> o.isFailed() && o.failure().kind() == Kind.BUDGET).count());
        assertEquals(2, server.requests().size());
    }

    @Test
    void withSparkOffEverySymbolGoesToTheChart() {
        YahooProvider chartOnly = new YahooProvider(traffic, server.baseUri(), Providers.TIMEOUT, null, 20, 100);
        server.route(CHART_AAPL, Response.json(200, AAPL)).route("/v8/finance/chart/%5EGSPC", Response.json(200, GSPC));

        Map<String, QuoteOutcome> outcomes = quotes(chartOnly, "AAPL", "^GSPC");

        assertTrue(outcomes.get("AAPL").isFound() && outcomes.get("^GSPC").isFound());
        assertEquals(0, server.requests(V7).size());
        assertNull(outcomes.get("^GSPC").quote().dayHigh());
    }
}
