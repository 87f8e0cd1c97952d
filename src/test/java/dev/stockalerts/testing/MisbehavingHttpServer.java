package dev.stockalerts.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * A webhook or quote provider on 127.0.0.1 that misbehaves the way remote servers do, on a raw socket so that it
 * can break HTTP itself: headers then a body that never comes, a request that is never answered, garbage, a closed
 * or reset connection, a byte-by-byte trickle, a redirect. Each request is recorded (once its body is read) and
 * connections are counted. {@link #close()} releases every stalled connection at once.
 * <pre>{@code
 * try (MisbehavingHttpServer webhook = MisbehavingHttpServer.start()) {
 *     webhook.next(Behaviour.stallBody(200, 100))        // the first request: 200, Content-Length 100, no body
 *            .always(Behaviour.answer(204, "text/plain", "")); // then answer normally
 *     ... send to webhook.uri("/alerts") ...
 *     assertTrue(webhook.awaitRequests(2, Duration.ofSeconds(5)));
 *     assertEquals("POST", webhook.requests().get(0).method());
 * }
 * }</pre>
 */
public final class MisbehavingHttpServer implements AutoCloseable {

    /** What the server does with one request. */
    public static final class Behaviour {
        private enum Kind { ANSWER, STALL_BODY, NEVER_ANSWER, GARBAGE, CLOSE, RESET, SLOW }

        private final Kind kind;
        private final int status;
        private final Map<String, String> headers;
        private final String body;
        private final Duration perByte;

        private Behaviour(Kind kind, int status, Map<String, String> headers, String body, Duration perByte) {
            this.kind = kind;
            this.status = status;
            this.headers = headers;
            this.body = body;
            this.perByte = perByte;
        }

        /** A normal answer (the connection is kept alive for the next request). */
        public static Behaviour answer(int status, String contentType, String body) {
            Map<String, String> h = new LinkedHashMap<>();
            if (contentType != null) h.put("Content-Type", contentType);
            return new Behaviour(Kind.ANSWER, status, h, body, Duration.ZERO);
        }

        public static Behaviour json(int status, String body) {
            return answer(status, "application/json", body);
        }

        /** A 3xx pointing elsewhere. */
        public static Behaviour redirect(int status, String location) {
            return answer(status, null, "").withHeader("Location", location);
        }

        /** Status and headers announcing {@code contentLength} body bytes, then nothing, until the server closes. */
        public static Behaviour stallBody(int status, int contentLength) {
            return new Behaviour(Kind.STALL_BODY, status, Map.of("Content-Length", Integer.toString(contentLength)), "", Duration.ZERO);
        }

        /** Reads the request and never answers, until the server closes. */
        public static Behaviour neverAnswer() {
            return new Behaviour(Kind.NEVER_ANSWER, 0, Map.of(), "", Duration.ZERO);
        }

        /** Answers bytes that are not HTTP, then closes. */
        public static Behaviour garbage(String text) {
            return new Behaviour(Kind.GARBAGE, 0, Map.of(), text, Duration.ZERO);
        }

        /** Closes the connection (FIN) without answering. */
        public static Behaviour closeImmediately() {
            return new Behaviour(Kind.CLOSE, 0, Map.of(), "", Duration.ZERO);
        }

        /** Resets the connection (RST) without answering. */
        public static Behaviour reset() {
            return new Behaviour(Kind.RESET, 0, Map.of(), "", Duration.ZERO);
        }

        /** A whole, valid answer, written one byte at a time, {@code perByte} apart. */
        public static Behaviour slowly(int status, String contentType, String body, Duration perByte) {
            return new Behaviour(Kind.SLOW, status, answer(status, contentType, body).headers, body, perByte);
        }

        public Behaviour withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Behaviour(kind, status, h, body, perByte);
        }

        private byte[] response() {
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.putIfAbsent("Content-Length", Integer.toString(content.length));
            h.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("\r\n");
            byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
            byte[] all = new byte[start.length + (kind == Kind.STALL_BODY ? 0 : content.length)];
            System.arraycopy(start, 0, all, 0, start.length);
            if (kind != Kind.STALL_BODY) System.arraycopy(content, 0, all, start.length, content.length);
            return all;
        }

        private static String reason(int status) {
            return switch (status) {
                case 200 -> "OK";
                case 201 -> "Created";
                case 204 -> "No Content";
                case 301 -> "Moved Permanently";
                case 302 -> "Found";
                case 307 -> "Temporary Redirect";
                case 308 -> "Permanent Redirect";
                case 400 -> "Bad Request";
                case 404 -> "Not Found";
                case 429 -> "Too Many Requests";
                case 500 -> "Internal Server Error";
                case 503 -> "Service Unavailable";
                default -> "Status";
            };
        }
    }

    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "misbehaving-http");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Queue<Behaviour> upcoming = new ConcurrentLinkedQueue<>();
    private volatile Behaviour always = Behaviour.answer(200, "text/plain", "ok");
    private final List<LoopbackHttpServer.Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile java.util.function.Consumer<LoopbackHttpServer.Request> onRequest = request -> {};
    private final CountDownLatch closed = new CountDownLatch(1);

    private MisbehavingHttpServer() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    /** A server answering {@code 200 ok} until told otherwise. */
    public static MisbehavingHttpServer start() {
        try {
            return new MisbehavingHttpServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What every request gets once the {@link #next} queue is used up. */
    public MisbehavingHttpServer always(Behaviour behaviour) {
        always = behaviour;
        return this;
    }

    /** One-shot behaviours for the next requests, in order, before {@link #always}. */
    public MisbehavingHttpServer next(Behaviour... behaviours) {
        upcoming.addAll(List.of(behaviours));
        return this;
    }

    /**
     * Runs {@code action} on each request once it is read, before the server behaves: a precise point to act at,
     * e.g. {@code onRequest(r -> sandbox.kill())} for a container that dies while its webhook call is in flight.
     */
    public MisbehavingHttpServer onRequest(java.util.function.Consumer<LoopbackHttpServer.Request> action) {
        onRequest = action;
        return this;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    public URI uri(String path) {
        return URI.create(baseUri() + path);
    }

    /** Requests whose head and body were read, in arrival order. */
    public List<LoopbackHttpServer.Request> requests() {
        return List.copyOf(requests);
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** Waits until {@code count} requests were read; false on timeout. */
    public boolean awaitRequests(int count, Duration timeout) {
        return await(requests::size, count, timeout);
    }

    /** Waits until {@code count} connections were accepted; false on timeout. */
    public boolean awaitConnections(int count, Duration timeout) {
        return await(connections::get, count, timeout);
    }

    private boolean await(IntSupplier value, int count, Duration timeout) {
        long until = System.nanoTime() + timeout.toNanos();
        synchronized (requests) {
            while (value.getAsInt() < count) {
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

    private void signal() {
        synchronized (requests) {
            requests.notifyAll();
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                open.add(socket);
                connections.incrementAndGet();
                signal();
                threads.execute(() -> serve(socket));
            } catch (IOException closedOrFailed) {
                return;
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                LoopbackHttpServer.Request request = readRequest(in);
                if (request == null) return; // the client closed its connection
                requests.add(request);
                signal();
                onRequest.accept(request);
                Behaviour b = upcoming.poll();
                if (b == null) b = always;
                switch (b.kind) {
                    case ANSWER -> out.write(b.response());
                    case STALL_BODY -> {
                        out.write(b.response());
                        out.flush();
                        closed.await();
                        return;
                    }
                    case NEVER_ANSWER -> {
                        closed.await();
                        return;
                    }
                    case GARBAGE -> {
                        out.write(b.body.getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        return;
                    }
                    case CLOSE -> {
                        return;
                    }
                    case RESET -> {
                        socket.setSoLinger(true, 0);
                        return;
                    }
                    case SLOW -> {
                        for (byte x : b.response()) {
                            out.write(x);
                            out.flush();
                            if (closed.await(b.perByte.toNanos(), TimeUnit.NANOSECONDS)) return;
                        }
                    }
                }
                out.flush();
                if ("close".equalsIgnoreCase(request.header("Connection"))) return;
            }
        } catch (IOException clientGone) {
            // The client hung up, or the server closed.
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(socket);
        }
    }

    /** One request, or null at a clean end of stream before it. Bodies: Content-Length or chunked. */
    private static LoopbackHttpServer.Request readRequest(InputStream in) throws IOException {
        String requestLine = readLine(in);
        if (requestLine == null) return null;
        String[] parts = requestLine.split(" ");
        if (parts.length < 3) throw new IOException("not an HTTP request line: " + requestLine);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String line; (line = readLine(in)) != null && !line.isEmpty(); ) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
            }
        }
        byte[] body;
        List<String> length = headers.get("Content-Length");
        List<String> encoding = headers.get("Transfer-Encoding");
        if (encoding != null && encoding.get(0).equalsIgnoreCase("chunked")) {
            body = readChunked(in);
        } else if (length != null) {
            body = in.readNBytes(Integer.parseInt(length.get(0)));
        } else {
            body = new byte[0];
        }
        String target = parts[1];
        int q = target.indexOf('?');
        return new LoopbackHttpServer.Request(parts[0], q < 0 ? target : target.substring(0, q), q < 0 ? null : target.substring(q + 1),
                Collections.unmodifiableMap(headers), new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            if (sizeLine == null) throw new IOException("chunked body ended early");
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                while (true) {
                    String trailer = readLine(in);
                    if (trailer == null || trailer.isEmpty()) return body.toByteArray();
                }
            }
            body.write(in.readNBytes(size));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c; (c = in.read()) != -1; ) {
            if (c == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(c);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    /** Stops listening and closes every connection, stalled ones included, at once. */
    @Override
    public void close() {
        closed.countDown();
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        threads.shutdownNow();
    }
}
