package dev.stockalerts.testing;

import dev.stockalerts.testing.iam.FunctionRoles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * One Lambda function's execution environment, as production runs it: a child JVM started the way Lambda's java21
 * runtime starts one (the real RIC's {@code AWSLambda} main class, its JVM flags, Lambda's environment variables,
 * the code in a task root, its working directory, as `sam build` ships it), fed by a loopback {@link LambdaRuntimeApi}.
 * <ul>
 *   <li>The first {@link #invoke} starts the process (a cold start); a process that answered stays warm for the
 *       next one, static caches and all, until {@link #kill()} (the container is recycled).</li>
 *   <li>Each invocation's deadline is enforced: no reply by then and the process is killed (SIGKILL), as Lambda
 *       resets a timed-out sandbox; the next invoke is cold. The same happens to a process that died.</li>
 *   <li>Between invocations the process is frozen (SIGSTOP) while it waits for an event, as Lambda freezes an
 *       idle environment: nothing runs in the background after a response.</li>
 *   <li>stdout and stderr go to a file under {@code target/lambda-sandbox}, never to the test's output; each
 *       {@link InvokeResult} carries the lines of its invocation.</li>
 * </ul>
 * <pre>{@code
 * try (LambdaSandbox cron = LambdaSandbox.function("dev.stockalerts.handler.AlertsCronFunction::handleRequest")
 *         .env("TABLE_NAME", table).env("AWS_ENDPOINT_URL_DYNAMODB", proxy.endpoint().toString())
 *         .build()) {
 *     InvokeResult run = cron.invoke(LambdaSandbox.sampleEvent("schedule.json"), Duration.ofSeconds(20));
 *     assertEquals(1, run.json().get("alertsFired").asInt(), run::describe);
 * }
 * }</pre>
 * One invocation at a time, like a Lambda sandbox; use several sandboxes for concurrent containers.
 */
public final class LambdaSandbox implements AutoCloseable {
    /** The deployment jar {@code mvn package} builds: what template.yaml deploys. */
    public static final Path DEPLOYMENT_JAR = Path.of("target/stock-alerts.jar");
    private static final Set<LambdaSandbox> OPEN = ConcurrentHashMap.newKeySet();

    static {
        // A frozen child would outlive the test JVM; kill every sandbox still open when it exits.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(LambdaSandbox::close), "lambda-sandbox-cleanup"));
    }

    /**
     * How long a cold start may take before the process is killed. Lambda allows 10 s (then retries init within the
     * invocation's timeout); 20 s is that with room for a loaded 2-core test machine.
     */
    private static final Duration INIT_TIMEOUT = Duration.ofSeconds(20);

    private final LambdaProcess.Spec spec;
    private final List<LambdaProcess> processes = new CopyOnWriteArrayList<>();
    private volatile LambdaProcess current;

    private LambdaSandbox(Builder b) {
        spec = new LambdaProcess.Spec(b.handler, b.functionName, b.memoryMb, withRole(b.handler, b.env), LambdaRuntimeFiles.taskRoot(b.code));
        OPEN.add(this);
    }

    /**
     * A function of template.yaml signs its requests as a principal of its own, so that each DynamoDB request it makes
     * through a {@link FaultyDynamoProxy} is held against its role ({@link FunctionRoles}); one that would reach
     * DynamoDB Local directly, unseen, is refused.
     */
    private static Map<String, String> withRole(String handler, Map<String, String> configured) {
        Map<String, String> env = new LinkedHashMap<>(configured);
        String function = FunctionRoles.functionOf(handler);
        if (function == null) return Map.copyOf(env);
        String dynamo = env.get("AWS_ENDPOINT_URL_DYNAMODB");
        if (dynamo != null && dynamo.equals(LocalDynamo.endpoint().toString())) {
            throw new IllegalArgumentException(function + " would reach DynamoDB Local unseen: put a FaultyDynamoProxy in front"
                    + " of it (FaultyDynamoProxy.inFrontOfLocalDynamo()), so its requests are held against its IAM role");
        }
        env.putIfAbsent("AWS_ACCESS_KEY_ID", FunctionRoles.principal(function, env));
        return Map.copyOf(env);
    }

    /** A sandbox for {@code handler} (e.g. {@code dev.stockalerts.handler.StockApiFunction::handleRequest}), by default in the deployment jar. */
    public static Builder function(String handler) {
        return new Builder(handler);
    }

    /** How the function is configured: code, name, memory, environment. */
    public static final class Builder {
        private final String handler;
        private Path code = DEPLOYMENT_JAR;
        private String functionName;
        private int memoryMb = 512;
        private final Map<String, String> env = new LinkedHashMap<>();

        private Builder(String handler) {
            this.handler = handler;
            String className = handler.split("::")[0];
            this.functionName = className.substring(className.lastIndexOf('.') + 1);
        }

        /** The function's code: a jar (placed in the task root's lib/, as the Makefile ships it) or a directory of classes. Default: {@link #DEPLOYMENT_JAR}. */
        public Builder code(Path jarOrDirectory) {
            this.code = jarOrDirectory;
            return this;
        }

        public Builder functionName(String name) {
            this.functionName = name;
            return this;
        }

        /** MemorySize; sizes the heap as Lambda does (85%). Default 512, as template.yaml. */
        public Builder memoryMb(int mb) {
            this.memoryMb = mb;
            return this;
        }

        /** A function environment variable (template.yaml's Environment.Variables); overrides Lambda's defaults. */
        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Builder env(Map<String, String> variables) {
            env.putAll(variables);
            return this;
        }

        public LambdaSandbox build() {
            return new LambdaSandbox(this);
        }
    }

    /**
     * Invokes the function with {@code eventJson} (sent byte for byte, as the invoking service sent it) and waits
     * for its reply, at most {@code timeout} from the moment the runtime takes the event (plus init on a cold start).
     */
    public synchronized InvokeResult invoke(String eventJson, Duration timeout) {
        LambdaProcess p = current;
        boolean cold = p == null || !p.alive();
        if (cold) p = startProcess();
        long logFrom = cold ? 0 : p.logSize();
        LambdaRuntimeApi.Invocation call = p.api.enqueue(eventJson, timeout);
        Outcome outcome = new Outcome(p, call, cold, logFrom);

        long takenBy = cold ? p.startedNanos + INIT_TIMEOUT.toNanos() : System.nanoTime() + timeout.toNanos();
        Object first = firstOf(takenBy, call.delivered(), p.api.initError(), p.process.onExit());
        if (!call.delivered().isDone()) {
            call.abandon();
            if (first instanceof LambdaRuntimeApi.Error initError) {
                p.awaitExit();
                return outcome.of(InvokeResult.Kind.FUNCTION_ERROR, initError.body(), initError.errorType(), initError.errorMessage());
            }
            if (p.alive()) {
                p.destroy();
                return outcome.timedOut(cold ? "Init did not complete within " + seconds(INIT_TIMEOUT)
                        : "The runtime did not take the event within " + seconds(timeout));
            }
            return outcome.exited();
        }

        firstOf(call.deadlineNanos(), call.reply(), p.process.onExit());
        outcome.took = Duration.ofNanos(System.nanoTime() - call.delivered().join());
        if (call.reply().isDone() && !call.reply().isCancelled()) {
            LambdaRuntimeApi.Reply reply = call.reply().join();
            if (reply instanceof LambdaRuntimeApi.Response response) {
                return outcome.of(InvokeResult.Kind.RESPONSE, response.body(), null, null);
            }
            LambdaRuntimeApi.Error error = (LambdaRuntimeApi.Error) reply;
            return outcome.of(InvokeResult.Kind.FUNCTION_ERROR, error.body(), error.errorType(), error.errorMessage());
        }
        call.abandon();
        if (!p.alive()) return outcome.exited();
        p.destroy();
        return outcome.timedOut("Task timed out after " + seconds(timeout));
    }

    /**
     * Starts a container now, without an invocation (as provisioned concurrency would), and returns how long its
     * init took; fails if init fails. Returns zero at once when already warm.
     */
    public synchronized Duration start() {
        LambdaProcess p = current;
        if (p != null && p.alive()) return Duration.ZERO;
        p = startProcess();
        firstOf(p.startedNanos + INIT_TIMEOUT.toNanos(), p.api.ready(), p.api.initError(), p.process.onExit());
        if (!p.api.ready().isDone()) {
            p.destroy();
            throw new AssertionError("init failed: " + p.api.initError().getNow(null) + "\n" + String.join("\n", p.lines(0)));
        }
        return Duration.ofNanos(p.api.ready().join() - p.startedNanos);
    }

    /**
     * Kills the process (SIGKILL: no shutdown hooks, as a recycled or crashed container). Safe from any thread,
     * also while an invocation runs (it then ends as a {@code Runtime.ExitError}); the next invoke is a cold start.
     */
    public void kill() {
        LambdaProcess p = current;
        if (p != null) p.destroy();
    }

    /** Whether a process is alive to take the next invocation warm. */
    public boolean warm() {
        LambdaProcess p = current;
        return p != null && p.alive();
    }

    /** The live process's id, if one is running. */
    public OptionalLong pid() {
        LambdaProcess p = current;
        return p != null && p.alive() ? OptionalLong.of(p.process.pid()) : OptionalLong.empty();
    }

    /** How many processes (cold starts) this sandbox started. */
    public int coldStarts() {
        return processes.size();
    }

    /** Every line every process of this sandbox wrote so far, in order. */
    public List<String> logs() {
        List<String> all = new ArrayList<>();
        for (LambdaProcess p : processes) all.addAll(p.lines(0));
        return all;
    }

    /**
     * Waits until the current process writes a line matching {@code line} (e.g. to {@link #kill()} it at that point
     * of a run, from another thread); false on timeout.
     */
    public boolean awaitLogLine(Predicate<String> line, Duration timeout) {
        long until = System.nanoTime() + timeout.toNanos();
        LambdaProcess seenProcess = null;
        long seenSize = -1;
        while (true) {
            LambdaProcess p = current;
            if (p != null && (p != seenProcess || p.logSize() != seenSize)) {
                seenProcess = p;
                seenSize = p.logSize();
                if (p.lines(0).stream().anyMatch(line)) return true;
            }
            if (System.nanoTime() >= until) return false;
            try {
                Thread.sleep(5); // polls a file: there is no change notification for it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** A sample event of {@code events/} (e.g. {@code schedule.json}) as text, exactly as the invoking service sends it. */
    public static String sampleEvent(String fileName) {
        try {
            return Files.readString(Path.of("events", fileName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        kill();
        OPEN.remove(this);
    }

    private LambdaProcess startProcess() {
        LambdaProcess old = current;
        if (old != null) old.destroy();
        LambdaProcess p = new LambdaProcess(spec);
        processes.add(p);
        current = p;
        return p;
    }

    /** Builds the result of one invocation on one process. */
    private static final class Outcome {
        final LambdaProcess process;
        final LambdaRuntimeApi.Invocation call;
        final boolean cold;
        final long logFrom;
        Duration took = Duration.ZERO;

        Outcome(LambdaProcess process, LambdaRuntimeApi.Invocation call, boolean cold, long logFrom) {
            this.process = process;
            this.call = call;
            this.cold = cold;
            this.logFrom = logFrom;
        }

        InvokeResult of(InvokeResult.Kind kind, String body, String errorType, String errorMessage) {
            Duration init = cold ? Duration.ofNanos(process.api.ready().getNow(System.nanoTime()) - process.startedNanos) : Duration.ZERO;
            return new InvokeResult(call.requestId(), kind, body, errorType, errorMessage, cold, init, took, process.lines(logFrom));
        }

        InvokeResult exited() {
            process.awaitExit();
            String message = "RequestId: " + call.requestId() + " Error: Runtime exited with error: " + process.exitDescription();
            return of(InvokeResult.Kind.FUNCTION_ERROR, errorDocument("Runtime.ExitError", message), "Runtime.ExitError", message);
        }

        InvokeResult timedOut(String what) {
            String message = "RequestId: " + call.requestId() + " Error: " + what;
            return of(InvokeResult.Kind.TIMED_OUT, errorDocument("Sandbox.Timedout", message), "Sandbox.Timedout", message);
        }

        private static String errorDocument(String type, String message) {
            return "{\"errorType\":\"" + type + "\",\"errorMessage\":\"" + message + "\"}";
        }
    }

    /** Waits until the first of {@code futures} completes or until {@code untilNanos}; its value, or null. */
    private static Object firstOf(long untilNanos, CompletableFuture<?>... futures) {
        try {
            return CompletableFuture.anyOf(futures).get(Math.max(0, untilNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException | java.util.concurrent.CancellationException e) {
            return null; // the caller looks at each future itself
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while invoking", e);
        }
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2f seconds", d.toMillis() / 1000.0);
    }
}
