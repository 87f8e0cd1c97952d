package dev.stockalerts.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Lambda function's execution environment, as production runs it: a child JVM started the way Lambda's java21
 * runtime starts one (the real RIC's {@code AWSLambda} main class, its JVM flags, Lambda's environment variables,
 * the code unpacked into a task root that is the working directory), fed by a loopback {@link LambdaRuntimeApi}.
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
 *     InvokeResult run = cron.invoke(Events.text("schedule.json"), Duration.ofSeconds(20));
 *     assertEquals(1, run.json().get("fired").asInt(), run::describe);
 * }
 * }</pre>
 * One invocation at a time, like a Lambda sandbox; use several sandboxes for concurrent containers.
 */
public final class LambdaSandbox implements AutoCloseable {
    /** The deployment jar {@code mvn package} builds: what template.yaml deploys. */
    public static final Path DEPLOYMENT_JAR = Path.of("target/stock-alerts.jar");
    private static final Path LOG_DIR = Path.of("target/lambda-sandbox").toAbsolutePath();
    private static final Duration EXIT_WAIT = Duration.ofSeconds(10);
    private static final Set<LambdaSandbox> OPEN = ConcurrentHashMap.newKeySet();

    static {
        // A frozen child would outlive the test JVM; kill every sandbox still open when it exits.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(LambdaSandbox::close), "lambda-sandbox-cleanup"));
    }

    private final Builder config;
    private final Path taskRoot;
    private final List<Path> logFiles = new CopyOnWriteArrayList<>();
    private volatile Container container;
    private int coldStarts;

    private LambdaSandbox(Builder config) {
        this.config = config;
        this.taskRoot = LambdaRuntimeFiles.taskRoot(config.code);
        OPEN.add(this);
    }

    /** A sandbox for {@code handler} (e.g. {@code dev.stockalerts.handler.StockApiFunction::handleRequest}) in the deployment jar. */
    public static Builder function(String handler) {
        return new Builder(handler);
    }

    /** How the function is configured: code, name, memory, environment. */
    public static final class Builder {
        private final String handler;
        private Path code = DEPLOYMENT_JAR;
        private String functionName;
        private int memoryMb = 512;
        private Duration initTimeout = Duration.ofSeconds(20);
        private boolean freeze = true;
        private final Map<String, String> env = new LinkedHashMap<>();

        private Builder(String handler) {
            this.handler = handler;
            String className = handler.split("::")[0];
            this.functionName = className.substring(className.lastIndexOf('.') + 1);
        }

        /** The function's code: a jar (unpacked as Lambda does) or a directory of classes. Default: {@link #DEPLOYMENT_JAR}. */
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

        /**
         * How long a cold start may take before the process is killed. Lambda allows 10 s (then retries init within
         * the invocation's timeout); the default 20 s is that with room for a loaded 2-core test machine.
         */
        public Builder initTimeout(Duration timeout) {
            this.initTimeout = timeout;
            return this;
        }

        /** Whether to SIGSTOP the process while it waits for an event (default true, as Lambda freezes it). */
        public Builder freezeBetweenInvocations(boolean freeze) {
            this.freeze = freeze;
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
        Container c = container;
        boolean cold = c == null || !c.process.isAlive();
        if (cold) {
            if (c != null) c.destroy();
            c = startContainer();
        }
        long logFrom = cold ? 0 : c.logSize();
        LambdaRuntimeApi.Invocation call = c.api.enqueue(eventJson, timeout);
        long readyBy = cold ? c.startedNanos + config.initTimeout.toNanos() : System.nanoTime() + timeout.toNanos();

        Object first = firstOf(readyBy, call.delivered(), c.api.initError(), c.process.onExit());
        if (!call.delivered().isDone()) {
            call.abandon();
            if (first instanceof LambdaRuntimeApi.Error initError) {
                c.awaitExit();
                return c.result(call, InvokeResult.Kind.FUNCTION_ERROR, initError.body(), initError.errorType(),
                        initError.errorMessage(), cold, Duration.ZERO, logFrom);
            }
            if (first == null) {
                c.destroy();
                return c.timedOut(call, cold, Duration.ZERO, "Init did not complete within " + seconds(config.initTimeout), logFrom);
            }
            return c.exited(call, cold, Duration.ZERO, logFrom);
        }

        long delivered = call.delivered().join();
        firstOf(call.deadlineNanos(), call.reply(), c.process.onExit());
        Duration took = Duration.ofNanos(System.nanoTime() - delivered);
        if (call.reply().isDone() && !call.reply().isCancelled()) {
            LambdaRuntimeApi.Reply reply = call.reply().join();
            if (reply instanceof LambdaRuntimeApi.Response response) {
                return c.result(call, InvokeResult.Kind.RESPONSE, response.body(), null, null, cold, took, logFrom);
            }
            LambdaRuntimeApi.Error error = (LambdaRuntimeApi.Error) reply;
            return c.result(call, InvokeResult.Kind.FUNCTION_ERROR, error.body(), error.errorType(), error.errorMessage(),
                    cold, took, logFrom);
        }
        call.abandon();
        if (!c.process.isAlive()) return c.exited(call, cold, took, logFrom);
        c.destroy();
        return c.timedOut(call, cold, took, "Task timed out after " + seconds(timeout), logFrom);
    }

    /**
     * Starts a container now, without an invocation (as provisioned concurrency would), and returns how long its
     * init took; fails if init fails. Does nothing but return zero when already warm.
     */
    public synchronized Duration start() {
        Container c = container;
        if (c != null && c.process.isAlive()) return Duration.ZERO;
        if (c != null) c.destroy();
        c = startContainer();
        firstOf(c.startedNanos + config.initTimeout.toNanos(), c.api.ready(), c.api.initError(), c.process.onExit());
        if (!c.api.ready().isDone()) {
            c.destroy();
            throw new AssertionError("init failed: " + c.api.initError().getNow(null) + "\n" + String.join("\n", c.lines(0)));
        }
        return Duration.ofNanos(c.api.ready().join() - c.startedNanos);
    }

    /**
     * Kills the process (SIGKILL: no shutdown hooks, as a recycled or crashed container). Safe from any thread,
     * also while an invocation runs (it then ends as a {@code Runtime.ExitError}); the next invoke is a cold start.
     */
    public void kill() {
        Container c = container;
        if (c != null) c.destroy();
    }

    /** Whether a process is alive to take the next invocation warm. */
    public boolean warm() {
        Container c = container;
        return c != null && c.process.isAlive();
    }

    /** The live process's id, if one is running. */
    public java.util.OptionalLong pid() {
        Container c = container;
        return c != null && c.process.isAlive() ? java.util.OptionalLong.of(c.process.pid()) : java.util.OptionalLong.empty();
    }

    /** A sample event of {@code events/} (e.g. {@code schedule.json}) as text, exactly as the invoking service sends it. */
    public static String sampleEvent(String fileName) {
        try {
            return Files.readString(Path.of("events", fileName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until the current process writes a line matching {@code line} (e.g. to {@link #kill()} it at that point
     * of a run, from another thread); false on timeout.
     */
    public boolean awaitLogLine(java.util.function.Predicate<String> line, Duration timeout) {
        long until = System.nanoTime() + timeout.toNanos();
        long seen = 0;
        while (true) {
            Container c = container;
            if (c != null) {
                long size = c.logSize();
                if (size != seen) {
                    seen = size;
                    if (c.lines(0).stream().anyMatch(line)) return true;
                }
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

    /** How many processes this sandbox started. */
    public synchronized int coldStarts() {
        return coldStarts;
    }

    /** Every line every process of this sandbox wrote so far, in order. */
    public List<String> logs() {
        List<String> all = new ArrayList<>();
        for (Path file : logFiles) all.addAll(readLines(file, 0));
        return all;
    }

    @Override
    public void close() {
        kill();
        OPEN.remove(this);
    }

    private Container startContainer() {
        Container c = new Container();
        container = c;
        coldStarts++;
        return c;
    }

    /** Waits until the first of {@code futures} completes or {@code untilNanos}; returns its value, or null on timeout. */
    private static Object firstOf(long untilNanos, CompletableFuture<?>... futures) {
        try {
            long wait = untilNanos - System.nanoTime();
            return CompletableFuture.anyOf(futures).get(Math.max(0, wait), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | java.util.concurrent.CancellationException e) {
            return null;
        } catch (ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while invoking", e);
        }
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2f seconds", d.toMillis() / 1000.0);
    }

    private static List<String> readLines(Path file, long from) {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long size = channel.size();
            if (size <= from) return List.of();
            ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(size - from));
            channel.position(from);
            while (bytes.hasRemaining() && channel.read(bytes) > 0) { /* read to the size seen */ }
            String text = new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
            return text.isEmpty() ? List.of() : Arrays.asList(text.split("\r?\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One process and its Runtime API. */
    private final class Container {
        final LambdaRuntimeApi api;
        final Process process;
        final Path logFile;
        final long startedNanos = System.nanoTime();

        Container() {
            ProcessFreezer freezer = config.freeze ? new ProcessFreezer() : null;
            api = LambdaRuntimeApi.start(config.functionName, freezer == null ? LambdaRuntimeApi.Freezer.NONE : freezer);
            try {
                Files.createDirectories(LOG_DIR);
                logFile = Files.createTempFile(LOG_DIR, config.functionName + "-", ".log");
                logFiles.add(logFile);
                ProcessBuilder pb = new ProcessBuilder(command())
                        .directory(taskRoot.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(logFile.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                pb.environment().clear();
                pb.environment().putAll(environment());
                process = pb.start();
                if (freezer != null) freezer.pid = process.pid();
            } catch (IOException e) {
                api.close();
                throw new UncheckedIOException("could not start the function's JVM", e);
            }
        }

        private List<String> command() {
            long heapKb = Math.round(config.memoryMb * 1024 * 0.85);
            return List.of(LambdaRuntimeFiles.java().toString(),
                    "-XX:MaxHeapSize=" + heapKb + "k",
                    "-XX:+UseSerialGC",
                    "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac",
                    "-XX:+ErrorFileToStderr",
                    "-Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI=" + LambdaRuntimeFiles.jniLibrary(),
                    "-classpath", LambdaRuntimeFiles.runtimeClasspath(),
                    "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                    config.handler);
        }

        private Map<String, String> environment() {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
            env.put("LANG", "en_US.UTF-8");
            env.put("TZ", ":UTC");
            env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
            env.put("LAMBDA_RUNTIME_DIR", LambdaRuntimeFiles.RUNTIME_DIR.toString());
            env.put("_HANDLER", config.handler);
            env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
            env.put("AWS_LAMBDA_RUNTIME_API", api.address());
            env.put("AWS_LAMBDA_FUNCTION_NAME", config.functionName);
            env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(config.memoryMb));
            env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
            env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
            env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + config.functionName);
            env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[$LATEST]" + logFile.getFileName());
            env.put("AWS_REGION", "us-east-1");
            env.put("AWS_DEFAULT_REGION", "us-east-1");
            // DynamoDB Local keeps one database per access key id and region: the key LocalDynamo's clients use.
            env.put("AWS_ACCESS_KEY_ID", "local");
            env.put("AWS_SECRET_ACCESS_KEY", "local");
            env.put("AWS_SESSION_TOKEN", "sandbox-session-token");
            env.put("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"); // as template.yaml sets it
            env.putAll(config.env);
            return env;
        }

        long logSize() {
            try {
                return Files.size(logFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        List<String> lines(long from) {
            return readLines(logFile, from);
        }

        void awaitExit() {
            try {
                if (!process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) destroy();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            api.close();
        }

        void destroy() {
            process.destroyForcibly();
            try {
                process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            api.close();
        }

        InvokeResult result(LambdaRuntimeApi.Invocation call, InvokeResult.Kind kind, String body, String errorType,
                            String errorMessage, boolean cold, Duration took, long logFrom) {
            Duration init = cold ? Duration.ofNanos(api.ready().getNow(System.nanoTime()) - startedNanos) : Duration.ZERO;
            return new InvokeResult(call.requestId(), kind, body, errorType, errorMessage, cold, init, took, lines(logFrom));
        }

        InvokeResult exited(LambdaRuntimeApi.Invocation call, boolean cold, Duration took, long logFrom) {
            awaitExit();
            int status = process.exitValue();
            String how = status > 128 ? "signal " + (status - 128) : "exit status " + status;
            String message = "RequestId: " + call.requestId() + " Error: Runtime exited with error: " + how;
            return result(call, InvokeResult.Kind.FUNCTION_ERROR, errorDocument("Runtime.ExitError", message),
                    "Runtime.ExitError", message, cold, took, logFrom);
        }

        InvokeResult timedOut(LambdaRuntimeApi.Invocation call, boolean cold, Duration took, String what, long logFrom) {
            String message = "RequestId: " + call.requestId() + " Error: " + what;
            return result(call, InvokeResult.Kind.TIMED_OUT, errorDocument("Sandbox.Timedout", message),
                    "Sandbox.Timedout", message, cold, took, logFrom);
        }

        private String errorDocument(String type, String message) {
            return "{\"errorType\":\"" + type + "\",\"errorMessage\":\"" + message + "\"}";
        }
    }

    /** SIGSTOP / SIGCONT through kill(1): the JDK can only send TERM and KILL. */
    private static final class ProcessFreezer implements LambdaRuntimeApi.Freezer {
        volatile long pid;

        @Override
        public void freeze() {
            signal("-STOP");
        }

        @Override
        public void thaw() {
            signal("-CONT");
        }

        private void signal(String signal) {
            if (pid == 0) return;
            try {
                new ProcessBuilder("kill", signal, Long.toString(pid))
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start().waitFor(5, TimeUnit.SECONDS);
            } catch (IOException e) {
                throw new UncheckedIOException("could not signal the function's process", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
