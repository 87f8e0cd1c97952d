package dev.stockalerts.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

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
 * API Gateway's REST proxy integration on 127.0.0.1: each HTTP request becomes an APIGatewayProxyRequestEvent for the
 * handler, and its APIGatewayProxyResponseEvent becomes the HTTP response. No API key check: API Gateway does that in AWS.
 */
public final class LocalApiServer extends LoopbackHttp {
    public static final String STAGE = "local";
    /** API Gateway's answer when the function fails, in the template's GatewayResponses shape. */
    private static final String FUNCTION_ERROR = "{\"error\":\"Internal server error\"}";

    private final RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> function;
    private final Consumer<String> out;
    /** One Lambda container serves one request at a time; the components are built on that assumption. */
    private final Object container = new Object();

    public LocalApiServer(RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> function,
                          int port, Consumer<String> out) {
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
        APIGatewayProxyRequestEvent event = event(exchange, body);
        APIGatewayProxyResponseEvent response;
        try {
            synchronized (container) {
                response = function.handleRequest(event, null);
            }
        } catch (RuntimeException e) {
            out.accept("[API] " + event.getHttpMethod() + " " + event.getPath() + " function failed: " + e);
            response = null;
        }
        int status = send(exchange, response);
        out.accept("[API] " + event.getHttpMethod() + " " + exchange.getRequestURI() + " -> " + status
                + " (" + (System.nanoTime() - started) / 1_000_000 + " ms)");
    }

    static APIGatewayProxyRequestEvent event(HttpExchange exchange, String body) {
        URI uri = exchange.getRequestURI();
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        context.setStage(STAGE);
        context.setPath(uri.getRawPath()); // as called: the handler builds Location headers from it
        context.setHttpMethod(exchange.getRequestMethod());
        context.setProtocol(exchange.getProtocol());
        context.setRequestId(UUID.randomUUID().toString());
        APIGatewayProxyRequestEvent.RequestIdentity identity = new APIGatewayProxyRequestEvent.RequestIdentity();
        identity.setSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress());
        context.setIdentity(identity);
        // The JDK normalises header names (Content-type); API Gateway keeps the client's case. Nothing reads them by case.
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
        Map<String, List<String>> query = query(uri.getRawQuery());
        // resource stays unset, so the router matches the path. API Gateway sends that path percent-encoded but decodes
        // the path parameters it captures; the router captures them from the path here, so it gets the decoded one.
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod(exchange.getRequestMethod())
                .withPath(uri.getPath())
                .withHeaders(lastValues(headers))
                .withMultiValueHeaders(headers)
                .withQueryStringParameters(query == null ? null : lastValues(query))
                .withMultiValueQueryStringParameters(query)
                .withBody(body.isEmpty() ? null : body)
                .withIsBase64Encoded(false)
                .withRequestContext(context);
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

    /** Writes the function's response (null: the function failed, 502 as API Gateway answers); returns the status. */
    private static int send(HttpExchange exchange, APIGatewayProxyResponseEvent response) throws IOException {
        try (exchange) {
            if (response == null || response.getStatusCode() == null) {
                byte[] error = FUNCTION_ERROR.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(502, error.length);
                exchange.getResponseBody().write(error);
                return 502;
            }
            Headers headers = exchange.getResponseHeaders();
            if (response.getHeaders() != null) response.getHeaders().forEach(headers::set);
            if (response.getMultiValueHeaders() != null) response.getMultiValueHeaders().forEach((n, vs) -> vs.forEach(v -> headers.add(n, v)));
            byte[] body = bytes(response);
            boolean empty = body.length == 0 || "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(response.getStatusCode(), empty ? -1 : body.length);
            if (!empty) exchange.getResponseBody().write(body);
            return response.getStatusCode();
        }
    }

    private static byte[] bytes(APIGatewayProxyResponseEvent response) {
        String body = response.getBody();
        if (body == null) return new byte[0];
        return Boolean.TRUE.equals(response.getIsBase64Encoded())
                ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
    }
}
