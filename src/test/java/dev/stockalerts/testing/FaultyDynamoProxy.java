package dev.stockalerts.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stockalerts.testing.iam.FunctionRoles;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

/**
 * An HTTP proxy on 127.0.0.1 in front of DynamoDB (Local) that injects the faults a real table shows: throttles,
 * 500s, writes that committed although the client saw an error, dropped connections, calls that never answer,
 * transaction conflicts. Every request a function's container signed is held against its role ({@link FunctionRoles}).
 * Requests are matched by operation (AWS JSON 1.0's
 * {@code X-Amz-Target: DynamoDB_20120810.<Operation>}) against {@link DynamoFaultRule rules}, first added first;
 * a request no rule takes is forwarded untouched. It counts requests per operation. A forward that fails (DynamoDB
 * Local unreachable or too slow) drops the client's connection and is recorded in {@link #failures()}: put
 * {@link #describe()} in assertion messages, so that a fault of the proxy is not mistaken for one it injected.
 * <pre>{@code
 * try (FaultyDynamoProxy proxy = FaultyDynamoProxy.inFrontOfLocalDynamo()) {
 *     DynamoDbClient client = DynamoClients.forLocalEndpoint(proxy.endpoint(), metrics); // or, for a LambdaSandbox:
 *     sandbox.env("AWS_ENDPOINT_URL_DYNAMODB", proxy.endpoint().toString());
 *     proxy.on("TransactWriteItems").next(1).commitThenInternalError();   // the claim commits, the client sees a 500
 *     proxy.on("GetItem").withProbability(0.2, 42).throttle();            // seeded, so runs repeat
 *     proxy.on("DeleteItem").next(1).forwardThen(sandbox::kill);         // the container dies right after it
 *     ... run ...
 *     assertEquals(2, proxy.requests("TransactWriteItems"), proxy::describe);
 * }
 * }</pre>
 */
public final class FaultyDynamoProxy implements AutoCloseable {
    /** Headers of one hop, or that the JDK client sets itself; accept-encoding too, so answers stay readable text. */
    private static final Set<String> READS = Set.of("GetItem", "Query", "Scan", "BatchGetItem");
    private static final java.util.regex.Pattern CONSISTENT = java.util.regex.Pattern.compile("\"ConsistentRead\"\\s*:\\s*true");
    private static final Set<String> HOP_HEADERS = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "date", "keep-alive", "te", "trailer", "via", "warning", "from", ":status", "accept-encoding");

    private final URI target;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "faulty-dynamo-proxy");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient forwarder = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final List<DynamoFaultRule> rules = new CopyOnWriteArrayList<>();
    /** Requests per operation; also the monitor {@link #awaitRequests} waits on. */
    private final Map<String, Integer> counts = new TreeMap<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    /** The last answer to each distinct read request (operation and body): what a stale replica would still answer. */
    private final Map<String, Answer> lastReads = new java.util.concurrent.ConcurrentHashMap<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    private FaultyDynamoProxy(URI target) throws IOException {
        this.target = target;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** A proxy forwarding to {@code target} (a DynamoDB endpoint). */
    public static FaultyDynamoProxy start(URI target) {
        try {
            return new FaultyDynamoProxy(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A proxy in front of this test JVM's {@link LocalDynamo}. */
    public static FaultyDynamoProxy inFrontOfLocalDynamo() {
        return start(LocalDynamo.endpoint());
    }

    /** Where clients connect: {@code DynamoClients.forLocalEndpoint(endpoint(), ...)} or AWS_ENDPOINT_URL_DYNAMODB. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Starts a rule for {@code operation} (e.g. "BatchWriteItem"); by default it takes every such call. */
    public DynamoFaultRule.Builder on(String operation) {
        return new DynamoFaultRule.Builder(operation, rules::add);
    }

    /** Starts a rule for every operation. */
    public DynamoFaultRule.Builder onAny() {
        return new DynamoFaultRule.Builder(null, rules::add);
    }

    /** Removes every rule: from now on everything is forwarded untouched. */
    public void clearRules() {
        rules.clear();
    }

    /** How many {@code operation} requests arrived (faulted ones and the client's retries included). */
    public int requests(String operation) {
        synchronized (counts) {
            return counts.getOrDefault(operation, 0);
        }
    }

    /** Requests per operation so far, by operation name. */
    public Map<String, Integer> requestCounts() {
        synchronized (counts) {
            return Collections.unmodifiableMap(new TreeMap<>(counts));
        }
    }

    /**
     * The forwards to DynamoDB that failed (operation and exception), in order: the client saw its connection dropped,
     * as if a rule had dropped it. Empty while the proxy only injects what its rules say.
     */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** Requests per operation, and the failed forwards if any: for assertion messages. */
    public String describe() {
        String requests = "requests " + requestCounts();
        List<String> failed = failures();
        return failed.isEmpty() ? requests : requests + "; " + failed.size() + " forwards to DynamoDB failed: " + failed;
    }

    /** Waits until {@code count} {@code operation} requests arrived (e.g. the one that stalls); false on timeout. */
    public boolean awaitRequests(String operation, int count, Duration timeout) {
        long until = System.nanoTime() + timeout.toNanos();
        synchronized (counts) {
            while (requests(operation) < count) {
                long left = until - System.nanoTime();
                if (left <= 0) return false;
                try {
                    TimeUnit.NANOSECONDS.timedWait(counts, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String targetHeader = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation = targetHeader == null ? "" : targetHeader.substring(targetHeader.indexOf('.') + 1);
            FunctionRoles.dynamo(FunctionRoles.signer(exchange.getRequestHeaders().getFirst("Authorization")), operation, body);
            synchronized (counts) {
                counts.merge(operation, 1, Integer::sum);
                counts.notifyAll();
            }
            DynamoFaultRule rule = rules.stream().filter(r -> r.takes(operation)).findFirst().orElse(null);
            if (rule == null) {
                relay(exchange, forward(exchange, operation, body));
                return;
            }
            if (rule.fault() == DynamoFaultRule.Fault.STALE_READ) {
                Answer stale = consistentRead(body) ? null : lastReads.get(operation + " " + new String(body, StandardCharsets.UTF_8));
                relay(exchange, stale != null ? stale : forward(exchange, operation, body));
                return;
            }
            switch (rule.fault()) {
                case THROTTLE, THROTTLING_EXCEPTION, ACCESS_DENIED, INTERNAL_ERROR -> relay(exchange, DynamoFaultRule.errorAnswer(rule.fault()));
                case TRANSACTION_CONFLICT -> relay(exchange, DynamoFaultRule.transactionConflict(new String(body, StandardCharsets.UTF_8)));
                case COMMIT_THEN_INTERNAL_ERROR -> {
                    forward(exchange, operation, body);
                    relay(exchange, DynamoFaultRule.errorAnswer(DynamoFaultRule.Fault.INTERNAL_ERROR));
                }
                case COMMIT_THEN_DROP -> forward(exchange, operation, body); // closing the exchange unanswered drops the connection
                case FORWARD_THEN_RUN -> {
                    Answer answer = forward(exchange, operation, body);
                    rule.action().run();
                    relay(exchange, answer);
                }
                case DROP -> { }
                case STALL -> closed.await();
            }
        } catch (IOException clientGone) {
            // The client timed out and hung up, or the proxy closed (a failed forward was recorded by forward()).
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
        }
    }

    /** A DynamoDB answer: status, headers, body. */
    record Answer(int status, Map<String, List<String>> headers, String body) {
        static Answer json(int status, String body) {
            return new Answer(status, Map.of("Content-Type", List.of("application/x-amz-json-1.0")), body);
        }
    }

    /** DynamoDB's answer to the request; a failure to get it is recorded in {@link #failures} and thrown on. */
    private Answer forward(HttpExchange exchange, String operation, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().getRawPath()))
                .timeout(Duration.ofSeconds(30))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (HOP_HEADERS.contains(name.toLowerCase())) return;
            for (String value : values) {
                try {
                    request.header(name, value);
                } catch (IllegalArgumentException restricted) {
                    // A header the JDK client sets itself.
                }
            }
        });
        try {
            HttpResponse<String> response = forwarder.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Answer answer = new Answer(response.statusCode(), response.headers().map(), response.body());
            if (READS.contains(operation) && answer.status() == 200) lastReads.put(operation + " " + new String(body, StandardCharsets.UTF_8), answer);
            return answer;
        } catch (IOException e) {
            if (closed.getCount() > 0) failures.add(operation + ": " + e);
            throw e;
        }
    }

    /** Sends {@code answer} with a CRC32 of exactly these bytes, as the SDK verifies x-amz-crc32. */
    private static void relay(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        answer.headers().forEach((name, values) -> {
            String lower = name.toLowerCase();
            if (HOP_HEADERS.contains(lower) || lower.equals("x-amz-crc32")) return;
            values.forEach(v -> exchange.getResponseHeaders().add(name, v));
        });
        CRC32 crc = new CRC32();
        crc.update(bytes);
        exchange.getResponseHeaders().set("x-amz-crc32", Long.toString(crc.getValue()));
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Whether a read asks for strong consistency (anywhere in it: BatchGetItem says so per table). */
    private static boolean consistentRead(byte[] body) {
        return CONSISTENT.matcher(new String(body, StandardCharsets.UTF_8)).find();
    }

    /** Stops the proxy and drops every connection, stalled ones included, at once. */
    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
