package dev.stockalerts.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A real HTTP server on 127.0.0.1 (ephemeral port) standing in for a remote service: answers canned
 * responses by raw path (query ignored), and records every request. A path without its own
 * {@link #route route} gets the {@link #routeAll catch-all} answer, by default 404. The faults a remote
 * server shows: a late answer ({@link Response#delayedBy}), headers then a body that never ends
 * ({@link Response#withStalledBody}), no answer at all ({@link #hang}); a route given as a function runs
 * on each request before it is answered (e.g. to kill the caller while its request is in flight).
 */
public final class LoopbackHttpServer implements AutoCloseable {

    /**
     * What the server answers; {@code delay} holds the answer back (for client-timeout tests);
     * {@code stallBody} sends the status, headers and body, then holds the connection open as if more
     * body were coming (the Content-Length promises more), until the server closes.
     */
    public record Response(int status, Map<String, String> headers, String body, Duration delay, boolean stallBody) {
        public static Response of(int status, String body) {
            return new Response(status, Map.of(), body, Duration.ZERO, false);
        }

        public static Response json(int status, String body) {
            return of(status, body).withHeader("Content-Type", "application/json;charset=utf-8");
        }

        public static Response text(int status, String body) {
            return of(status, body).withHeader("Content-Type", "text/plain;charset=utf-8");
        }

        public static Response xml(int status, String body) {
            return of(status, body).withHeader("Content-Type", "text/xml;charset=utf-8");
        }

        public Response withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Response(status, h, body, delay, stallBody);
        }

        public Response delayedBy(Duration d) {
            return new Response(status, headers, body, d, stallBody);
        }

        /** Headers and body go out, then the rest of the body never comes (until the server closes). */
        public Response withStalledBody() {
            return new Response(status, headers, body, delay, true);
        }
    }

    /**
     * One request as the server saw it: {@code path} and {@code query} still percent-encoded (as sent),
     * {@code headers} keyed case-insensitively, {@code body} as UTF-8 text ("" when there is none).
     */
    public record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** The body as application/x-www-form-urlencoded fields (what the AWS Query protocol sends). */
        public Map<String, String> form() {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                if (pair.isEmpty()) continue;
                int eq = pair.indexOf('=');
                String k = eq < 0 ? pair : pair.substring(0, eq);
                String v = eq < 0 ? "" : pair.substring(eq + 1);
                fields.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            }
            return fields;
        }
    }

    /**
     * One client for all tests, as production shares one. HTTP/1.1: on plain http an HTTP/2 upgrade
     * attempt adds nothing.
     */
    public static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    /** Longer than any test; {@link #close()} releases a held-back answer anyway. */
    private static final Duration UNTIL_CLOSED = Duration.ofMinutes(10);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-http");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Function<Request, Response>> routes = new ConcurrentHashMap<>();
    private volatile Function<Request, Response> fallback = request -> Response.of(404, "no route");
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1); // releases held-back answers on close

    private LoopbackHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static LoopbackHttpServer start() {
        try {
            return new LoopbackHttpServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers requests for {@code rawPath} (as sent, percent-encoded) with {@code response}. */
    public LoopbackHttpServer route(String rawPath, Response response) {
        return route(rawPath, request -> response);
    }

    public LoopbackHttpServer route(String rawPath, Function<Request, Response> handler) {
        routes.put(rawPath, handler);
        return this;
    }

    /** Answers every path without its own route with {@code response}. */
    public LoopbackHttpServer routeAll(Response response) {
        fallback = request -> response;
        return this;
    }

    /** Never answers a path without its own route (until closed): for client-timeout tests, without sleeping. */
    public LoopbackHttpServer hang() {
        return routeAll(Response.of(200, "").delayedBy(UNTIL_CLOSED));
    }

    /** Where the server listens, without a path: the base URI a client under test is configured with. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** {@code path} on this server. */
    public URI uri(String path) {
        return URI.create(baseUri() + path);
    }

    /** A loopback base URI where nothing listens, so connecting is refused. */
    public static URI closedPortUri() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + s.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String rawPath) {
        return requests.stream().filter(r -> r.path().equals(rawPath)).toList();
    }

    /** Waits until {@code count} requests arrived (each is recorded once its body is read); false on timeout. */
    public boolean awaitRequests(int count, Duration timeout) {
        long until = System.nanoTime() + timeout.toNanos();
        synchronized (requests) {
            while (requests.size() < count) {
                long left = until - System.nanoTime();
                if (left <= 0) return false;
                try {
                    TimeUnit.NANOSECONDS.timedWait(requests, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    public Request onlyRequest() {
        List<Request> all = requests();
        if (all.size() != 1) throw new AssertionError("expected exactly one request, got " + all.size());
        return all.get(0);
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            URI uri = exchange.getRequestURI();
            Request request = new Request(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
                    Collections.unmodifiableMap(headers), body);
            synchronized (requests) {
                requests.add(request);
                requests.notifyAll();
            }

            Response response = routes.getOrDefault(uri.getRawPath(), fallback).apply(request);
            if (!response.delay().isZero() && closed.await(response.delay().toMillis(), TimeUnit.MILLISECONDS)) return;
            byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            if (response.stallBody()) {
                exchange.sendResponseHeaders(response.status(), bytes.length + 1024L);
                OutputStream out = exchange.getResponseBody();
                out.write(bytes);
                out.flush();
                closed.await();
                return;
            }
            exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
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
