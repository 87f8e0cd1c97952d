package dev.stockalerts.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/** Small base for the local stand-ins of external HTTP services, bound to 127.0.0.1. */
abstract class LoopbackHttp implements AutoCloseable {
    static {
        // Without TCP_NODELAY, headers and body go out in two packets and each response waits ~40 ms on delayed ACKs.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    protected final HttpServer server;

    protected LoopbackHttp(int port) {
        this(port, 4);
    }

    /** @param threads requests answered at once (a slow stand-in needs more) */
    protected LoopbackHttp(int port, int threads) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, getClass().getSimpleName());
            thread.setDaemon(true);
            return thread;
        }));
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
