package dev.stockalerts.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.stockalerts.testing.RuntimeSerialization;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What the handler receives for a real HTTP request, and what the client gets back from its response. */
class LocalApiServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicReference<APIGatewayProxyRequestEvent> received = new AtomicReference<>();
    private final AtomicReference<APIGatewayProxyResponseEvent> answer = new AtomicReference<>(
            new APIGatewayProxyResponseEvent().withStatusCode(200).withBody("{}"));
    private final List<String> out = new CopyOnWriteArrayList<>();
    /** The handler reads the event and writes its answer with the runtime's own serialization, as a POJO handler would. */
    private final LocalApiServer server = new LocalApiServer((event, response, context) -> {
        received.set(RuntimeSerialization.read(new String(event.readAllBytes(), StandardCharsets.UTF_8), APIGatewayProxyRequestEvent.class));
        APIGatewayProxyResponseEvent answered = answer.get();
        if (answered == null) throw new IllegalStateException("boom");
        response.write(RuntimeSerialization.write(answered, APIGatewayProxyResponseEvent.class).getBytes(StandardCharsets.UTF_8));
    }, 0, out::add);

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(server.baseUri() + pathAndQuery));
    }

    @Test
    void requestBecomesARestProxyEvent() throws Exception {
        send(request("/alerts/abc?x=1&x=2&y=a%20b")
                .header("X-Api-Key", "k").header("Accept", "text/plain").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"level\":1}")));
        APIGatewayProxyRequestEvent event = received.get();
        assertEquals("POST", event.getHttpMethod());
        assertEquals("/alerts/abc", event.getPath());
        assertNull(event.getResource(), "no resource: the router matches the path");
        assertEquals("{\"level\":1}", event.getBody());
        assertFalse(event.getIsBase64Encoded());
        assertEquals(Map.of("x", "2", "y", "a b"), event.getQueryStringParameters());
        assertEquals(Map.of("x", List.of("1", "2"), "y", List.of("a b")), event.getMultiValueQueryStringParameters());
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(event.getHeaders());
        assertEquals("k", headers.get("x-api-key"));
        assertEquals("application/json", headers.get("accept"), "the last value, as API Gateway's headers");
        Map<String, List<String>> multi = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        multi.putAll(event.getMultiValueHeaders());
        assertEquals(List.of("text/plain", "application/json"), multi.get("accept"));
        assertEquals("local", event.getRequestContext().getStage());
        assertEquals("/alerts/abc", event.getRequestContext().getPath());
        assertEquals("POST", event.getRequestContext().getHttpMethod());
        assertEquals("127.0.0.1", event.getRequestContext().getIdentity().getSourceIp());
    }

    @Test
    void getWithoutBodyOrQuerySendsNulls() throws Exception {
        send(request("/alerts"));
        assertNull(received.get().getBody());
        assertNull(received.get().getQueryStringParameters());
        assertNull(received.get().getMultiValueQueryStringParameters());
    }

    @Test
    void pathIsDecodedForTheRouterButRequestContextKeepsItAsCalled() throws Exception {
        send(request("/stock/%5EGSPC"));
        assertEquals("/stock/^GSPC", received.get().getPath());
        assertEquals("/stock/%5EGSPC", received.get().getRequestContext().getPath());
    }

    @Test
    void responseEventBecomesTheHttpResponse() throws Exception {
        answer.set(new APIGatewayProxyResponseEvent().withStatusCode(201)
                .withHeaders(Map.of("Content-Type", "application/json", "Location", "/alerts/1"))
                .withMultiValueHeaders(Map.of("X-Seen", List.of("a", "b")))
                .withBody("{\"id\":\"1\"}"));
        HttpResponse<String> response = send(request("/alerts").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(201, response.statusCode());
        assertEquals("{\"id\":\"1\"}", response.body());
        assertEquals("/alerts/1", response.headers().firstValue("Location").orElseThrow());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(List.of("a", "b"), response.headers().allValues("X-Seen"));
        // Logged once the response is out: poll briefly.
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (out.isEmpty() && System.nanoTime() < deadline) Thread.sleep(5);
        assertEquals(1, out.stream().filter(l -> l.startsWith("[API] POST /alerts -> 201")).count(), out.toString());
    }

    @Test
    void noContentHasNoBody() throws Exception {
        answer.set(new APIGatewayProxyResponseEvent().withStatusCode(204).withHeaders(Map.of("Content-Type", "application/json")));
        HttpResponse<String> response = send(request("/alerts/1").DELETE());
        assertEquals(204, response.statusCode());
        assertEquals("", response.body());
    }

    @Test
    void aFailingFunctionIsA502AsApiGatewayAnswers() throws Exception {
        answer.set(null);
        HttpResponse<String> response = send(request("/alerts"));
        assertEquals(502, response.statusCode());
        assertEquals("{\"error\":\"Internal server error\"}", response.body());
    }
}
