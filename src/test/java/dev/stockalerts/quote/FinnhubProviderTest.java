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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FinnhubProviderTest {
    static final String AAPL = "{\"c\":261.74,\"d\":0.85,\"dp\":0.3258,\"h\":263.31,\"l\":260.68,\"o\":261.07,\"pc\":260.89,\"t\":1700000000}";
    static final String UNKNOWN = "{\"c\":0,\"d\":null,\"dp\":null,\"h\":0,\"l\":0,\"o\":0,\"pc\":0,\"t\":0}";

    private final LoopbackHttpServer server = LoopbackHttpServer.start();
    private final FinnhubProvider finnhub = new FinnhubProvider(LoopbackHttpServer.CLIENT, server.baseUri(), "k3y", Duration.ofSeconds(2));

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

    @Test
    void parsesAllFieldsAndSendsSymbolAndToken() throws Exception {
        serve(Map.of("AAPL", AAPL));

        Quote q = finnhub.quotes(Set.of("AAPL")).get("AAPL");

        assertEquals(new Quote("AAPL", 261.74, 260.89, null, Instant.ofEpochSecond(1700000000), "finnhub"), q);
        assertEquals("symbol=AAPL&token=k3y", server.requests().get(0).query());
    }

    @Test
    void allZeroBodyMeansUnknownSymbol() throws Exception {
        serve(Map.of("AAPL", AAPL));

        Map<String, Quote> quotes = finnhub.quotes(Set.of("AAPL", "NOPE"));

        assertEquals(Set.of("AAPL"), quotes.keySet());
        assertEquals(2, server.requests().size());
    }

    @Test
    void encodesSymbolInQuery() throws Exception {
        serve(Map.of("%5EGSPC", AAPL));
        assertEquals(Set.of("^GSPC"), finnhub.quotes(Set.of("^GSPC")).keySet());
    }

    @Test
    void badKeyIsClientError() {
        server.route("/api/v1/quote", Response.json(401, "{\"error\":\"Invalid API key\"}"));
        assertEquals(Kind.CLIENT_ERROR, assertThrows(QuoteProviderException.class, () -> finnhub.quotes(Set.of("AAPL"))).kind());

        server.route("/api/v1/quote", Response.json(403, "{\"error\":\"You don't have access to this resource.\"}"));
        QuoteProviderException e = assertThrows(QuoteProviderException.class, () -> finnhub.quotes(Set.of("AAPL")));
        assertEquals(Kind.CLIENT_ERROR, e.kind());
        assertTrue(!e.getMessage().contains("k3y"), e.getMessage());
    }

    @Test
    void jsonWithoutPriceIsMalformed() {
        server.route("/api/v1/quote", Response.json(200, "{\"error\":\"Symbol not supported\"}"));
        assertEquals(Kind.MALFORMED, assertThrows(QuoteProviderException.class, () -> finnhub.quotes(Set.of("AAPL"))).kind());
    }
}
