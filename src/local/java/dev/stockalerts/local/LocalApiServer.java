package dev.stockalerts.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.stockalerts.json.Json;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * API Gateway's REST proxy integration on 127.0.0.1: each HTTP request becomes the proxy event's JSON for the handler,
 * as API Gateway sends it, and the JSON it answers becomes the HTTP response. No API key check: API Gateway does that
 * in AWS.
 */
public final class LocalApiServer extends LoopbackHttp {
    public static final String STAGE = "local";
    /** API Gateway's answer when the function fails, in the template's GatewayResponses shape. */
    private static final String FUNCTION_ERROR = "{\"error\":\"Internal server error\"}";

    private final RequestStreamHandler function;
    private final Consumer<String> out;
    /** One Lambda container serves one request at a time; the components are built on that assumption. */
    private final Object container = new Object();

    public LocalApiServer(RequestStreamHandler function, int port, Consumer<String> out) {
        super(port); // LoopbackHttp sets sun.net.httpserver.nodelay before this first HttpServer is created
        this.function = function;
        this.out = out;
        server.createContext("/", this::serve);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        ObjectNode event = event(exchange, body);
        JsonNode response;
        try {
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            synchronized (container) {
                function.handleRequest(new ByteArrayInputStream(Json.MAPPER.writeValueAsBytes(event)), answer, null);
            }
            response = Json.MAPPER.readTree(answer.toByteArray());
        } catch (IOException | RuntimeException e) {
            out.accept("[API] " + event.path("httpMethod").asText() + " " + event.path("path").asText() + " function failed: " + e);
            response = null;
        }
        int status = send(exchange, response);
        out.accept("[API] " + event.path("httpMethod").asText() + " " + exchange.getRequestURI() + " -> " + status
                + " (" + (System.nanoTime() - started) / 1_000_000 + " ms)");
    }

    static ObjectNode event(HttpExchange exchange, String body) {
        URI uri = exchange.getRequestURI();
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("httpMethod", exchange.getRequestMethod());
        // resource stays unset, so the router matches the path. API Gateway sends that path percent-encoded but decodes
        // the path parameters it captures; the router captures them from the path here, so it gets the decoded one.
        event.put("path", uri.getPath());
        // The JDK normalises header names (Content-type); API Gateway keeps the client's case. Nothing reads them by case.
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
        event.set("headers", Json.MAPPER.valueToTree(lastValues(headers)));
        event.set("multiValueHeaders", Json.MAPPER.valueToTree(headers));
        Map<String, List<String>> query = query(uri.getRawQuery());
        event.set("queryStringParameters", query == null ? null : Json.MAPPER.valueToTree(lastValues(query)));
        event.set("multiValueQueryStringParameters", query == null ? null : Json.MAPPER.valueToTree(query));
        event.put("body", body.isEmpty() ? null : body);
        event.put("isBase64Encoded", false);
        ObjectNode context = event.putObject("requestContext");
        context.put("stage", STAGE);
        context.put("path", uri.getRawPath()); // as called: the handler builds Location headers from it
        context.put("httpMethod", exchange.getRequestMethod());
        context.put("protocol", exchange.getProtocol());
        context.put("requestId", UUID.randomUUID().toString());
        context.putObject("identity").put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        return event;
    }
    /** Decoded query parameters in order, or null when there are none (as API Gateway sends them). */
    private static Map<String, List<String>> query(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) return null;
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return params.isEmpty() ? null : params;
    }

    /** The single-value map API Gateway sends beside the multi-value one: the last value of each. */
    private static Map<String, String> lastValues(Map<String, List<String>> multi) {
        Map<String, String> single = new LinkedHashMap<>();
        multi.forEach((name, values) -> single.put(name, values.get(values.size() - 1)));
        return single;
    }

    /** Writes the function's proxy response (null: the function failed, 502 as API Gateway answers); returns the status. */
    private static int send(HttpExchange exchange, JsonNode response) throws IOException {
        try (exchange) {
            if (response == null || !response.path("statusCode").canConvertToInt()) {
                byte[] error = FUNCTION_ERROR.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(502, error.length);
                exchange.getResponseBody().write(error);
                return 502;
            }
            int status = response.get("statusCode").asInt();
            Headers headers = exchange.getResponseHeaders();
            response.path("headers").fields().forEachRemaining(h -> headers.set(h.getKey(), h.getValue().asText()));
            response.path("multiValueHeaders").fields().forEachRemaining(h -> h.getValue().forEach(v -> headers.add(h.getKey(), v.asText())));
            byte[] body = bytes(response);
            boolean empty = body.length == 0 || "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(status, empty ? -1 : body.length);
            if (!empty) exchange.getResponseBody().write(body);
            return status;
        }
    }

    private static byte[] bytes(JsonNode response) {
        JsonNode body = response.get("body");
        if (body == null || body.isNull()) return new byte[0];
        return response.path("isBase64Encoded").asBoolean(false)
                ? Base64.getDecoder().decode(body.asText())
                : body.asText().getBytes(StandardCharsets.UTF_8);
    }
}
