package dev.stockalerts.quote;

import dev.stockalerts.quote.QuoteProviderException.Kind;
import dev.stockalerts.testing.LoopbackHttpServer;
import dev.stockalerts.testing.LoopbackHttpServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class YahooChartProviderTest {
    /** Shape of a real /v8/finance/chart/AAPL?range=1d&interval=1d answer (trading periods trimmed). */
    static final String AAPL = """
            {"chart":{"result":[{"meta":{"currency":"USD","symbol":"AAPL","exchangeName":"NMS",
            "fullExchangeName":"NasdaqGS","instrumentType":"EQUITY","firstTradeDate":345479400,
            "regularMarketTime":1700000000,"hasPrePostMarketData":true,"gmtoffset":-18000,"timezone":"EST",
            "exchangeTimezoneName":"America/New_York","regularMarketPrice":189.84,"fiftyTwoWeekHigh":190.9,
            "fiftyTwoWeekLow":188.4,"regularMarketDayHigh":190.9,"regularMarketDayLow":188.4,
            "regularMarketVolume":54000000,"longName":"Apple Inc.","shortName":"Apple Inc.",
            "chartPreviousClose":187.15,"previousClose":187.15,"scale":3,"priceHint":2,
            "currentTradingPeriod":{"regular":{"timezone":"EST","start":1699972200,"end":1699995600,"gmtoffset":-18000}},
            "dataGranularity":"1d","range":"1d","validRanges":["1d","5d","1mo","3mo","6mo","1y","max"]},
            "timestamp":[1700000000],"indicators":{"quote":[{"open":[189.0],"high":[190.9],"low":[188.4],
            "close":[189.84],"volume":[54000000]}],"adjclose":[{"adjclose":[189.84]}]}}],"error":null}}
            """;

    /** The index: no previousClose in meta, only chartPreviousClose. */
    static final String GSPC = """
            {"chart":{"result":[{"meta":{"currency":"USD","symbol":"^GSPC","exchangeName":"SNP",
            "instrumentType":"INDEX","regularMarketTime":1700000100,"regularMarketPrice":4502.88,
            "chartPreviousClose":4411.55,"priceHint":2,"dataGranularity":"1d","range":"1d"},
            "timestamp":[1700000100],"indicators":{"quote":[{"close":[4502.88]}]}}],"error":null}}
            """;

    static final String NOT_FOUND = """
            {"chart":{"result":null,"error":{"code":"Not Found","description":"No data found, symbol may be delisted"}}}
            """;

    private final LoopbackHttpServer server = LoopbackHttpServer.start();
    private final YahooChartProvider yahoo = new YahooChartProvider(LoopbackHttpServer.CLIENT, server.baseUri(), Duration.ofSeconds(2));

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void parsesAllFields() throws Exception {
        server.route("/v8/finance/chart/AAPL", Response.json(200, AAPL));

        Quote q = yahoo.quotes(Set.of("AAPL")).get("AAPL");

        assertEquals(new Quote("AAPL", 189.84, 187.15, "USD", Instant.ofEpochSecond(1700000000), "yahoo"), q);
        LoopbackHttpServer.Request request = server.requests().get(0);
        assertEquals("GET", request.method());
        assertNotNull(request.header("User-Agent"));
    }

    @Test
    void encodesSymbolAndFallsBackToChartPreviousClose() throws Exception {
        server.route("/v8/finance/chart/%5EGSPC", Response.json(200, GSPC));

        Quote q = yahoo.quotes(Set.of("^GSPC")).get("^GSPC");

        assertEquals(new Quote("^GSPC", 4502.88, 4411.55, "USD", Instant.ofEpochSecond(1700000100), "yahoo"), q);
        assertEquals(1, server.requests("/v8/finance/chart/%5EGSPC").size());
    }

    @Test
    void notFoundBodyMeansUnknownSymbol() throws Exception {
        server.route("/v8/finance/chart/AAPL", Response.json(200, AAPL))
              .route("/v8/finance/chart/NOPE", Response.json(404, NOT_FOUND));

        Map<String, Quote> quotes = yahoo.quotes(Set.of("AAPL", "NOPE"));

        assertEquals(Set.of("AAPL"), quotes.keySet());
    }

    @Test
    void bare404IsAClientErrorNotAnUnknownSymbol() {
        // e.g. a misconfigured base URL: must not silently turn every symbol "unknown".
        QuoteProviderException e = assertThrows(QuoteProviderException.class, () -> yahoo.quotes(Set.of("AAPL")));
        assertEquals(Kind.CLIENT_ERROR, e.kind());
    }

    @Test
    void missingPriceIsMalformed() {
        server.route("/v8/finance/chart/AAPL", Response.json(200,
                "{\"chart\":{\"result\":[{\"meta\":{\"currency\":\"USD\",\"symbol\":\"AAPL\"}}],\"error\":null}}"));
        QuoteProviderException e = assertThrows(QuoteProviderException.class, () -> yahoo.quotes(Set.of("AAPL")));
        assertEquals(Kind.MALFORMED, e.kind());
    }

    @Test
    void oneFailingSymbolFailsTheWholeCall() {
        server.route("/v8/finance/chart/AAPL", Response.json(200, AAPL))
              .route("/v8/finance/chart/MSFT", Response.of(502, "Bad Gateway"));
        QuoteProviderException e = assertThrows(QuoteProviderException.class, () -> yahoo.quotes(Set.of("AAPL", "MSFT")));
        assertEquals(Kind.SERVER_ERROR, e.kind());
        assertTrue(e.getMessage().contains("MSFT"), e.getMessage());
    }
}
