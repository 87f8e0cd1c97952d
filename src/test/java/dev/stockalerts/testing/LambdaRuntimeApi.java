package dev.stockalerts.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Lambda's Runtime API (version 2018-06-01) on 127.0.0.1 for one execution environment: the endpoint a runtime
 * (the real RIC, started by {@link LambdaSandbox}) long-polls for events and posts results to, as
 * {@code AWS_LAMBDA_RUNTIME_API}. One instance per process, as each Lambda sandbox has its own.
 * <pre>{@code
 * try (LambdaRuntimeApi api = LambdaRuntimeApi.start("my-function", LambdaRuntimeApi.Freezer.NONE)) {
 *     // start a runtime with AWS_LAMBDA_RUNTIME_API=api.address(), then:
 *     LambdaRuntimeApi.Invocation call = api.enqueue("{\"a\":1}", Duration.ofSeconds(3));
 *     call.delivered().get();          // the runtime took it; call.deadlineEpochMs() is what it was told
 *     LambdaRuntimeApi.Reply reply = call.reply().get();
 * }
 * }</pre>
 */
public final class LambdaRuntimeApi implements AutoCloseable {
    /** Lambda's limit on a synchronous invocation's request and response payloads. */
    public static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;
    public static final String ACCOUNT_ARN = "arn:aws:lambda:us-east-1:123456789012:function:";
    private static final String BASE = "/2018-06-01/runtime/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Freezes the runtime's process while it waits for an event, as Lambda does between invocations. */
    public interface Freezer {
        Freezer NONE = new Freezer() {
            @Override public void freeze() {}
            @Override public void thaw() {}
        };

        void freeze();

        void thaw();
    }

    /** What the runtime posted for an invocation. */
    public sealed interface Reply permits Response, Error {}

    /** {@code POST .../{id}/response}: the function's result, as the caller receives it. */
    public record Response(String body) implements Reply {}

    /**
     * {@code POST .../{id}/error} or {@code /init/error}: {@code errorType} and {@code errorMessage} from the
     * standard error document, {@code runtimeErrorType} from the Lambda-Runtime-Function-Error-Type header
     * (e.g. {@code Runtime.UserException}), {@code body} as posted.
     */
    public record Error(String errorType, String errorMessage, List<String> stackTrace, String runtimeErrorType,
                        String body) implements Reply {
        static Error parse(String runtimeErrorType, String body) {
            try {
                JsonNode node = JSON.readTree(body);
                List<String> trace = node.path("stackTrace").isArray()
                        ? JSON.convertValue(node.get("stackTrace"), JSON.getTypeFactory().constructCollectionType(List.class, String.class))
                        : List.of();
                return new Error(node.path("errorType").asText(runtimeErrorType), node.path("errorMessage").asText(""),
                        trace, runtimeErrorType, body);
            } catch (IOException | RuntimeException unreadable) {
                // Lambda builds the error from the header when the document cannot be read.
                return new Error(runtimeErrorType, "", List.of(), runtimeErrorType, body);
            }
        }
    }

    /** One queued invocation: its id, when the runtime took it (and the deadline it was told), and its reply. */
    public static final class Invocation {
        private final String requestId = UUID.randomUUID().toString();
        private final String traceId = traceId();
        private final byte[] event;
        private final Duration timeout;
        private final CompletableFuture<Long> delivered = new CompletableFuture<>();
        private final CompletableFuture<Reply> reply = new CompletableFuture<>();
        private volatile long deadlineEpochMs;
        private volatile long deliveredNanos;

        private Invocation(byte[] event, Duration timeout) {
            this.event = event;
            this.timeout = timeout;
        }

        public String requestId() {
            return requestId;
        }

        /** Completes with {@link System#nanoTime()} at the moment the runtime received the event. */
        public CompletableFuture<Long> delivered() {
            return delivered;
        }

        public CompletableFuture<Reply> reply() {
            return reply;
        }

        /** The Lambda-Runtime-Deadline-Ms the runtime was given (0 before delivery). */
        public long deadlineEpochMs() {
            return deadlineEpochMs;
        }

        /** {@link System#nanoTime()} at which the invocation's time is up (valid after delivery). */
        public long deadlineNanos() {
            return deliveredNanos + timeout.toNanos();
        }

        /** Refuses any later reply (the caller stopped waiting: the deadline passed or the process died). */
        public boolean abandon() {
            return reply.cancel(false);
        }

        private static String traceId() {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            return String.format("Root=1-%08x-%012x%012x;Parent=%016x;Sampled=0",
                    System.currentTimeMillis() / 1000, r.nextLong(1L << 48), r.nextLong(1L << 48), r.nextLong());
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "lambda-runtime-api");
        t.setDaemon(true);
        return t;
    });
    private final String functionArn;
    private final Freezer freezer;
    private final BlockingQueue<Invocation> queue = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> delivered = new ConcurrentHashMap<>();
    private final CompletableFuture<Error> initError = new CompletableFuture<>();
    private final CompletableFuture<Long> ready = new CompletableFuture<>();
    private final List<String> protocolErrors = new CopyOnWriteArrayList<>();

    private LambdaRuntimeApi(String functionName, Freezer freezer) throws IOException {
        this.functionArn = ACCOUNT_ARN + functionName;
        this.freezer = freezer;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(BASE, this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static LambdaRuntimeApi start(String functionName, Freezer freezer) {
        try {
            return new LambdaRuntimeApi(functionName, freezer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** host:port, the value of AWS_LAMBDA_RUNTIME_API. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues an event for the runtime; its {@code timeout} starts when the runtime takes it. */
    public Invocation enqueue(String eventJson, Duration timeout) {
        byte[] event = eventJson.getBytes(StandardCharsets.UTF_8);
        if (event.length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("event of " + event.length + " bytes exceeds Lambda's 6 MB payload limit");
        }
        Invocation invocation = new Invocation(event, timeout);
        queue.add(invocation);
        return invocation;
    }

    /** Completes with {@link System#nanoTime()} when the runtime first asks for an event: its init is done. */
    public CompletableFuture<Long> ready() {
        return ready;
    }

    /** Completes when the runtime reports that its init failed (it exits after that). */
    public CompletableFuture<Error> initError() {
        return initError;
    }

    /** Requests the runtime made that the real Runtime API would refuse (unknown ids, second replies, ...). */
    public List<String> protocolErrors() {
        return List.copyOf(protocolErrors);
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath().substring(BASE.length());
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && path.equals("init/error")) {
                String body = body(exchange);
                initError.complete(Error.parse(exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"), body));
                respond(exchange, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("POST") && path.startsWith("invocation/") && (path.endsWith("/response") || path.endsWith("/error"))) {
                String id = path.substring("invocation/".length(), path.lastIndexOf('/'));
                reply(exchange, id, path.endsWith("/response"));
            } else {
                protocolErrors.add(method + " " + exchange.getRequestURI());
                respond(exchange, 404, "{\"errorMessage\":\"Not found\",\"errorType\":\"InvalidRequest\"}");
            }
        } catch (IOException runtimeGone) {
            // The runtime's process died or was killed mid-request.
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
        }
    }

    private void next(HttpExchange exchange) throws IOException, InterruptedException {
        ready.complete(System.nanoTime());
        Invocation invocation = queue.poll();
        if (invocation == null) {
            freezer.freeze();
            invocation = queue.take();
            freezer.thaw();
        }
        invocation.deliveredNanos = System.nanoTime();
        invocation.deadlineEpochMs = System.currentTimeMillis() + invocation.timeout.toMillis();
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId);
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineEpochMs));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", invocation.traceId);
        delivered.put(invocation.requestId, invocation);
        invocation.delivered.complete(invocation.deliveredNanos); // its time runs from here
        exchange.sendResponseHeaders(200, invocation.event.length == 0 ? -1 : invocation.event.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(invocation.event);
        }
    }

    private void reply(HttpExchange exchange, String requestId, boolean success) throws IOException {
        String body = body(exchange);
        Invocation invocation = delivered.get(requestId);
        if (invocation == null) {
            protocolErrors.add("reply for unknown request id " + requestId);
            respond(exchange, 400, "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}");
            return;
        }
        Reply reply;
        if (!success) {
            reply = Error.parse(exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"), body);
        } else if (body.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
            reply = new Error("Function.ResponseSizeTooLarge", "Response payload size exceeded maximum allowed payload size (6291556 bytes).",
                    List.of(), "Function.ResponseSizeTooLarge", body);
            invocation.reply.complete(reply);
            respond(exchange, 413, "{\"errorMessage\":\"Payload too large\",\"errorType\":\"RequestEntityTooLarge\"}");
            return;
        } else {
            reply = new Response(body);
        }
        if (!invocation.reply.complete(reply)) {
            protocolErrors.add("second reply, or a reply after the deadline, for " + requestId);
            respond(exchange, 400, "{\"errorMessage\":\"Invalid state transition\",\"errorType\":\"InvalidStateTransition\"}");
            return;
        }
        respond(exchange, 202, "{\"status\":\"OK\"}");
    }

    private static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops serving; a runtime still polling sees its connection close. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
