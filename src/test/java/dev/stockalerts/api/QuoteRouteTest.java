package dev.stockalerts.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stockalerts.testing.ApiEvents;
import dev.stockalerts.testing.CronHarness;
import dev.stockalerts.testing.LoopbackHttpServer.Response;
import dev.stockalerts.testing.LoopbackHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /stock/{symbol} through the Lambda handler, quotes from the loopback Yahoo feed. */
class QuoteRouteTest {
    private final CronHarness env = new CronHarness();
    private final CronHarness.ApiContainer api = env.api();

    @AfterEach
    void close() {
        env.close();
    }

    @Test
    void quoteCarriesEveryFieldAndMayBeCachedForTheQuoteTtl() {
        env.market.list("AAPL", 200.25);
        env.market.set("AAPL", 210.5);

        APIGatewayProxyResponseEvent response = api.call("GET", "/stock/aapl", null);

        assertEquals(200, response.getStatusCode());
        assertEquals("application/json", response.getHeaders().get("Content-Type"));
        assertEquals("public, max-age=60", response.getHeaders().get("Cache-Control"));
        JsonNode q = ApiEvents.json(response.getBody());
        assertEquals("AAPL", q.get("symbol").asText(), "upper-cased");
        assertEquals(210.5, q.get("price").asDouble());
        assertEquals(200.25, q.get("previousClose").asDouble());
        assertEquals(10.25, q.get("change").asDouble());
        assertEquals(5.1186, q.get("changePercent").asDouble());
        assertEquals("USD", q.get("currency").asText());
        assertEquals(CronHarness.T0.toString(), q.get("marketTime").asText());
        assertEquals("yahoo", q.get("provider").asText());
        assertEquals(210.5, q.get("dayHigh").asDouble());
        assertEquals(200.25, q.get("dayLow").asDouble());
    }

    @Test
    void anUnknownSymbolIsRememberedSoRepeatingItCostsNoProviderRequest() {
        assertEquals(404, api.call("GET", "/stock/NOPE", null).getStatusCode());
        assertEquals(404, api.call("GET", "/stock/NOPE", null).getStatusCode());
        assertEquals(1, env.yahoo.requests());
    }

    @Test
    void yahooSendingAnImpossibleTimeFallsThroughToTheNextProvider() {
        try (LoopbackHttpServer yahoo = LoopbackHttpServer.start(); LoopbackHttpServer stooq = LoopbackHttpServer.start()) {
            yahoo.route("/v8/finance/chart/AAPL", Response.json(200, "{\"chart\":{\"result\":[{\"meta\":{\"currency\":\"USD\","
                    + "\"symbol\":\"AAPL\",\"regularMarketTime\":1e20,\"regularMarketPrice\":189.84}}],\"error\":null}}"));
            stooq.route("/q/l/", Response.of(200, "Symbol,Date,Time,Open,High,Low,Close,Volume\r\n"
                    + "AAPL.US,2024-11-22,22:00:07,228.06,230.72,228.06,229.87,38168252\r\n"));
            CronHarness.ApiContainer chain = env.env("QUOTE_PROVIDERS", "yahoo,stooq")
                    .env("YAHOO_BASE_URL", yahoo.baseUri().toString()).env("STOOQ_BASE_URL", stooq.baseUri().toString()).api();

            APIGatewayProxyResponseEvent response = chain.call("GET", "/stock/AAPL", null);

            assertEquals(200, response.getStatusCode(), response.getBody());
            JsonNode q = ApiEvents.json(response.getBody());
            assertEquals("stooq", q.get("provider").asText());
            assertEquals(230.72, q.get("dayHigh").asDouble());

            CronHarness.ApiContainer yahooOnly = env.env("QUOTE_PROVIDERS", "yahoo").api();
            APIGatewayProxyResponseEvent failed = yahooOnly.call("GET", "/stock/AAPL", null);
            assertEquals(502, failed.getStatusCode(), "bad data is the provider's failure, not a 500");
            assertTrue(failed.getBody().contains("MALFORMED"), failed.getBody());
        }
    }

    @Test
    void repeatedQuotesComeFromTheQuoteCache() {
        env.market.list("MSFT", 400);
        api.call("GET", "/stock/MSFT", null);
        api.call("GET", "/stock/MSFT", null);
        assertEquals(1, env.yahoo.requests());
    }

    @Test
    void symbolDecodedByApiGatewayIsUsed() {
        env.market.list("^GSPC", 5000);
        var event = ApiEvents.request("GET", "/stock/%5EGSPC", null).withPathParameters(Map.of("symbol", "^GSPC"));
        APIGatewayProxyResponseEvent response = api.call(event);
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("^GSPC", ApiEvents.json(response.getBody()).get("symbol").asText());
    }

    @Test
    void anEncodedSymbolInThePathIsDecodedWhenNoPathParametersAreGiven() {
        env.market.list("^GSPC", 5000);
        APIGatewayProxyResponseEvent response = api.call(ApiEvents.request("GET", "/stock/%5EGSPC", null));
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("^GSPC", ApiEvents.json(response.getBody()).get("symbol").asText());
    }

    @Test
    void malformedSymbolIs400WithoutAskingAnyProvider() {
        for (String symbol : new String[] {"A%20B", "AAPL;DROP", "ABCDEFGHIJKLMNOPQ", ".AAPL"}) {
            APIGatewayProxyResponseEvent response = api.call("GET", "/stock/" + symbol, null);
            assertEquals(400, response.getStatusCode(), symbol);
            JsonNode body = ApiEvents.json(response.getBody());
            assertEquals("invalid symbol", body.get("error").asText());
            assertEquals(java.net.URLDecoder.decode(symbol, java.nio.charset.StandardCharsets.UTF_8), body.get("symbol").asText());
        }
        assertEquals(0, env.yahoo.requests());
    }

    @Test
    void symbolNoProviderKnowsIs404() {
        APIGatewayProxyResponseEvent response = api.call("GET", "/stock/NOPE", null);
        assertEquals(404, response.getStatusCode());
        assertEquals("unknown symbol", ApiEvents.json(response.getBody()).get("error").asText());
    }

    @Test
    void failingProviderIs502WithDefaultRetryAfterAndNoCaching() {
        env.market.list("AAPL", 200);
        env.yahoo.failWith(500);

        APIGatewayProxyResponseEvent response = api.call("GET", "/stock/AAPL", null);

        assertEquals(502, response.getStatusCode());
        assertEquals("60", response.getHeaders().get("Retry-After"));
        assertEquals("no-store", response.getHeaders().get("Cache-Control"));
        JsonNode body = ApiEvents.json(response.getBody());
        assertEquals("quote providers unavailable", body.get("error").asText());
        assertEquals("yahoo", body.get("providers").get(0).get("provider").asText());
        assertEquals("SERVER_ERROR", body.get("providers").get(0).get("failure").asText());
    }

    @Test
    void rateLimitedProviderIs503WithItsRetryAfter() {
        env.market.list("AAPL", 200);
        env.yahoo.failWith(429, 120L);

        APIGatewayProxyResponseEvent response = api.call("GET", "/stock/AAPL", null);

        assertEquals(503, response.getStatusCode());
        assertEquals("120", response.getHeaders().get("Retry-After"));
        assertEquals("no-store", response.getHeaders().get("Cache-Control"));
        assertTrue(response.getBody().contains("RATE_LIMITED"));

        env.yahoo.failWith(0);
        assertEquals(200, api.call("GET", "/stock/AAPL", null).getStatusCode(), "a failure is not cached");
    }
}
