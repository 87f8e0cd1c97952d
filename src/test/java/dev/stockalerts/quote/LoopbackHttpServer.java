package dev.stockalerts.quote;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A real HTTP server on 127.0.0.1 (ephemeral port) for provider tests: routes by raw path
 * (query ignored), answers canned responses, and records every request. Unrouted paths get 404.
 */
final class LoopbackHttpServer implements AutoCloseable {

    /** What a route answers; {@code delay} holds the response back (for timeout tests). */
    record Response(int status, Map<String, String> headers, String body, Duration delay) {
        static Response of(int status, String body) {
            return new Response(status, Map.of(), body, Duration.ZERO);
        }

        static Response json(int status, String body) {
            return new Response(status, Map.of("Content-Type", "application/json;charset=utf-8"), body, Duration.ZERO);
        }

        Response withHeader(String name, String value) {
            Map<String, String> h = new java.util.LinkedHashMap<>(headers);
            h.put(name, value);
            return new Response(status, h, body, delay);
        }

        Response delayedBy(Duration d) {
            return new Response(status, headers, body, d);
        }
    }

    /** One request as the server saw it; rawPath/rawQuery are still percent-encoded. */
    record Request(String method, String rawPath, String rawQuery, Map<String, List<String>> headers) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** One client for all tests, as production shares one. */
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-http");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Function<Request, Response>> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1); // releases delayed handlers on close

    private LoopbackHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static LoopbackHttpServer start() {
        try {
            return new LoopbackHttpServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    LoopbackHttpServer route(String rawPath, Response response) {
        return route(rawPath, request -> response);
    }

    LoopbackHttpServer route(String rawPath, Function<Request, Response> handler) {
        routes.put(rawPath, handler);
        return this;
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String rawPath) {
        return requests.stream().filter(r -> r.rawPath().equals(rawPath)).toList();
    }

    /** A loopback base URI where nothing listens, so connecting is refused. */
    static URI closedPortUri() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + s.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        Request request = new Request(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
                Map.copyOf(exchange.getRequestHeaders()));
        requests.add(request);
        Function<Request, Response> handler = routes.get(uri.getRawPath());
        Response response = handler == null ? Response.of(404, "no route") : handler.apply(request);
        try (exchange) {
            if (!response.delay().isZero() && closed.await(response.delay().toMillis(), TimeUnit.MILLISECONDS)) return;
            byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            // The client timed out and hung up; nothing to answer.
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
