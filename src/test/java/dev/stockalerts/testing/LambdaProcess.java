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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One execution environment of a {@link LambdaSandbox}: a JVM started as Lambda's java21 runtime starts one, its own
 * {@link LambdaRuntimeApi}, and the file its stdout and stderr go to.
 */
final class LambdaProcess {
    /** The functions' JVM options as template.yaml sets them for every function. */
    static final String JAVA_TOOL_OPTIONS = SamTemplate.map(SamTemplate.map(SamTemplate.map(SamTemplate.map(
            SamTemplate.load().section("Globals").get("Function")).get("Environment")).get("Variables"))).get("JAVA_TOOL_OPTIONS").toString();

    private static final Path LOG_DIR = Path.of("target/lambda-sandbox").toAbsolutePath();
    private static final Duration EXIT_WAIT = Duration.ofSeconds(10);

    /** What the function is: the Lambda configuration this process is started from. */
    record Spec(String handler, String functionName, int memoryMb, Map<String, String> env, Path taskRoot) {}

    final LambdaRuntimeApi api;
    final Process process;
    final Path logFile;
    final long startedNanos = System.nanoTime();

    LambdaProcess(Spec spec) {
        Freezer freezer = new Freezer();
        api = LambdaRuntimeApi.start(spec.functionName(), freezer);
        try {
            Files.createDirectories(LOG_DIR);
            logFile = Files.createTempFile(LOG_DIR, spec.functionName() + "-", ".log");
            ProcessBuilder pb = new ProcessBuilder(command(spec))
                    .directory(spec.taskRoot().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().clear();
            pb.environment().putAll(environment(spec));
            process = pb.start();
            freezer.pid = process.pid();
        } catch (IOException e) {
            api.close();
            throw new UncheckedIOException("could not start the function's JVM", e);
        }
    }

    /** The java21 runtime's command line (its bootstrap's JVM flags; the heap at 85% of MemorySize). */
    private static List<String> command(Spec spec) {
        long heapKb = Math.round(spec.memoryMb() * 1024 * 0.85);
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
                spec.handler());
    }

    /** Lambda's reserved variables, then the function's own (which win); nothing of the test JVM's environment. */
    private Map<String, String> environment(Spec spec) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("LAMBDA_TASK_ROOT", spec.taskRoot().toString());
        env.put("LAMBDA_RUNTIME_DIR", LambdaRuntimeFiles.RUNTIME_DIR.toString());
        env.put("_HANDLER", spec.handler());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("AWS_LAMBDA_RUNTIME_API", api.address());
        env.put("AWS_LAMBDA_FUNCTION_NAME", spec.functionName());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + spec.functionName());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[$LATEST]" + logFile.getFileName());
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        // DynamoDB Local keeps one database per access key id and region: the key LocalDynamo's clients use.
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_SESSION_TOKEN", "sandbox-session-token");
        env.put("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS);
        env.putAll(spec.env());
        return env;
    }

    boolean alive() {
        return process.isAlive();
    }

    long logSize() {
        try {
            return Files.size(logFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines written from byte {@code from} of the log on (all of them for 0). */
    List<String> lines(long from) {
        return readLines(logFile, from);
    }

    /** Waits (bounded) for a process that is ending by itself, e.g. after reporting an init error. */
    void awaitExit() {
        try {
            if (!process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        api.close();
    }

    /** SIGKILL, as Lambda resets a sandbox: no shutdown hooks, nothing flushed. */
    void destroy() {
        process.destroyForcibly();
        try {
            process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        api.close();
    }

    /** How the process ended, as Lambda words it: "exit status 3", "signal 9". */
    String exitDescription() {
        int status = process.exitValue();
        return status > 128 ? "signal " + (status - 128) : "exit status " + status;
    }

    static List<String> readLines(Path file, long from) {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long size = channel.size();
            if (size <= from) return List.of();
            ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(size - from));
            channel.position(from);
            while (bytes.hasRemaining() && channel.read(bytes) > 0) {
                // read up to the size seen
            }
            String text = new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
            return text.isEmpty() ? List.of() : Arrays.asList(text.split("\r?\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGSTOP / SIGCONT through kill(1): the JDK itself only sends TERM and KILL. */
    private static final class Freezer implements LambdaRuntimeApi.Freezer {
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
