package dev.stockalerts.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stockalerts.testing.ApiEvents;
import dev.stockalerts.testing.CronHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every route shares: 404 and 405 answers, unreadable bodies, JSON everywhere. */
class ApiRoutingTest {
    private final CronHarness env = new CronHarness();
    private final CronHarness.ApiContainer api = env.api();

    @AfterEach
    void close() {
        env.close();
    }

    @Test
    void unknownPathIsA404InJson() {
        APIGatewayProxyResponseEvent response = api.call("GET", "/stocks/AAPL", null);
        assertEquals(404, response.getStatusCode());
        assertEquals("application/json", response.getHeaders().get("Content-Type"));
        JsonNode body = ApiEvents.json(response.getBody());
        assertEquals("not found", body.get("error").asText());
        assertEquals("/stocks/AAPL", body.get("path").asText());
        assertEquals(404, api.call("GET", "/alerts/1/rearm/now", null).getStatusCode());
    }

    @Test
    void knownPathWithAnotherMethodIs405NamingTheAllowedOnes() {
        assertAllowed("PUT", "/alerts", "GET, POST");
        assertAllowed("PUT", "/alerts/abc", "DELETE, GET, PATCH");
        assertAllowed("GET", "/alerts/abc/rearm", "POST");
        assertAllowed("DELETE", "/stock/AAPL", "GET");
    }

    private void assertAllowed(String method, String path, String allow) {
        APIGatewayProxyResponseEvent response = api.call(method, path, null);
        assertEquals(405, response.getStatusCode(), method + " " + path);
        assertEquals(allow, response.getHeaders().get("Allow"));
        assertEquals("application/json", response.getHeaders().get("Content-Type"));
        assertEquals("method not allowed", ApiEvents.json(response.getBody()).get("error").asText());
    }

    @Test
    void unreadableBodiesAre400WithAClearMessage() {
        assertBadRequest(null, "request body is empty; expected a JSON object");
        assertBadRequest("  ", "request body is empty; expected a JSON object");
        assertBadRequest("[1,2]", "request body must be a JSON object");
        assertBadRequest("\"AAPL\"", "request body must be a JSON object");
        assertTrue(badRequest("{\"symbol\":\"AAPL\",").startsWith("request body is not valid JSON"));
        assertTrue(badRequest("{\"symbol\":\"AAPL\"} trailing").startsWith("request body is not valid JSON"));
        assertTrue(badRequest("{\"level\":1,\"level\":2}").contains("Duplicate field 'level'"));
        assertTrue(badRequest("{symbol: AAPL}").contains("line 1, column 2"));
    }

    @Test
    void aBodyMarkedBase64ThatIsNotIsABadRequest() {
        var event = ApiEvents.request("POST", "/alerts", "not base64 at all!").withIsBase64Encoded(true);
        APIGatewayProxyResponseEvent response = api.call(event);
        assertEquals(400, response.getStatusCode());
        assertEquals("request body is marked base64 but is not valid base64",
                ApiEvents.json(response.getBody()).get("error").asText());
    }

    @Test
    void unexpectedFailureIsA500ThatGivesNothingAway() {
        CronHarness.ApiContainer broken = env.env("TABLE_NAME", "no-such-table").api();
        APIGatewayProxyResponseEvent response = broken.call("GET", "/alerts", null);
        assertEquals(500, response.getStatusCode());
        assertEquals("{\"error\":\"internal error\"}", response.getBody());
        assertTrue(env.log.stream().anyMatch(l -> l.startsWith("[API] GET /alerts failed: ") && l.contains("ResourceNotFound")), env.log.toString());
    }

    @Test
    void behindACustomDomainBasePathTheResourceRoutesAndLocationKeepsTheBasePath() {
        env.market.list("AAPL", 190);
        var create = ApiEvents.request("POST", "/v1/alerts", "{\"symbol\":\"AAPL\",\"condition\":\"BELOW\",\"level\":150}")
                .withResource("/alerts");
        create.getRequestContext().setPath("/v1/alerts");
        APIGatewayProxyResponseEvent created = api.call(create);
        assertEquals(201, created.getStatusCode(), created.getBody());
        String id = ApiEvents.json(created.getBody()).get("id").asText();
        assertEquals("/v1/alerts/" + id, created.getHeaders().get("Location"));

        var get = ApiEvents.request("GET", "/v1/alerts/" + id, null)
                .withResource("/alerts/{id}").withPathParameters(java.util.Map.of("id", id));
        APIGatewayProxyResponseEvent response = api.call(get);
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(id, ApiEvents.json(response.getBody()).get("id").asText());
    }

    @Test
    void trailingSlashIsTheSameRoute() {
        assertEquals(200, api.call("GET", "/alerts/", null).getStatusCode());
    }

    private void assertBadRequest(String body, String message) {
        assertEquals(message, badRequest(body));
    }

    private String badRequest(String body) {
        APIGatewayProxyResponseEvent response = api.call("POST", "/alerts", body);
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals("application/json", response.getHeaders().get("Content-Type"));
        return ApiEvents.json(response.getBody()).get("error").asText();
    }
}
