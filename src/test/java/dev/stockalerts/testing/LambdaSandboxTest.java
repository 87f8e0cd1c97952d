package dev.stockalerts.testing;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sandbox runs test-only handlers (testing/handlers) under the real RIC, so that its deadline kill, error
 * reporting, warm reuse and recycling are proven independently of the production functions.
 */
class LambdaSandboxTest {
    private static final Path TEST_CLASSES = Path.of("target/test-classes");
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String PROBE = "dev.stockalerts.testing.handlers.ProbeHandler::handleRequest";

    private static LambdaSandbox.Builder sandbox(String handler) {
        return LambdaSandbox.function(handler).code(TEST_CLASSES);
    }

    @Test
    void aWarmContainerIsFrozenBetweenInvocationsAndKeepsItsStaticsThroughAHandledErrorUntilItIsKilled() throws Exception {
        try (LambdaSandbox probe = sandbox(PROBE).build()) {
            InvokeResult first = probe.invoke("{\"op\":\"count\"}", TIMEOUT);
            long pid = probe.pid().orElseThrow();
            long until = System.nanoTime() + TIMEOUT.toNanos();
            while (state(pid) != 'T' && System.nanoTime() < until) Thread.sleep(5);
            assertEquals('T', state(pid), "stopped (frozen) while waiting for the next event");

            InvokeResult failed = probe.invoke("{\"op\":\"throw\",\"message\":\"quote missing\"}", TIMEOUT);
            InvokeResult third = probe.invoke("{\"op\":\"count\"}", TIMEOUT);
            probe.kill();
            InvokeResult afterKill = probe.invoke("{\"op\":\"count\"}", TIMEOUT);

            assertTrue(first.cold(), first::describe);
            assertEquals(1, first.json().get("invocations").asInt());
            assertTrue(first.initDuration().compareTo(Duration.ZERO) > 0);

            assertTrue(failed.isFunctionError(), failed::describe);
            assertEquals("java.lang.IllegalStateException", failed.errorType());
            assertEquals("quote missing", failed.errorMessage());
            assertFalse(failed.cold());

            assertFalse(third.cold(), third::describe);
            assertEquals(3, third.json().get("invocations").asInt());
            assertEquals(first.json().get("pid"), third.json().get("pid"));

            assertTrue(afterKill.cold(), afterKill::describe);
            assertEquals(1, afterKill.json().get("invocations").asInt());
            assertNotEquals(first.json().get("pid"), afterKill.json().get("pid"));
            assertEquals(2, probe.coldStarts());
        }
    }

    @Test
    void theEventArrivesByteForByteAndEachResultCarriesItsOwnLogLines() {
        try (LambdaSandbox echo = sandbox("dev.stockalerts.testing.handlers.EchoHandler::handleRequest").build()) {
            String event = "{ \"detail-type\" : \"Scheduled Event\",\n  \"détail\": [1, 2.50] }";
            InvokeResult cold = echo.invoke(event, TIMEOUT);
            InvokeResult warm = echo.invoke("[]", TIMEOUT);

            assertEquals(event, cold.response());
            assertTrue(cold.logs().contains("echo " + cold.requestId()), cold::describe);
            assertEquals(java.util.List.of("echo " + warm.requestId()), warm.logs());
            assertTrue(echo.logs().containsAll(cold.logs()));
        }
    }

    @Test
    void theHandlerSeesItsDeadlineRequestIdAndLambdasEnvironmentButNotTheTestJvms() {
        String hostOnly = System.getenv().keySet().stream()
                .filter(k -> !k.startsWith("AWS_") && !k.equals("PATH") && !k.equals("LANG") && !k.equals("TZ") && !k.startsWith("LAMBDA_"))
                .findFirst().orElseThrow();
        try (LambdaSandbox probe = sandbox(PROBE).functionName("alerts-cron").memoryMb(256)
                .env("TABLE_NAME", "t-1").build()) {
            InvokeResult context = probe.invoke("{\"op\":\"context\"}", Duration.ofSeconds(7));
            JsonNode c = context.json();

            long remaining = c.get("remainingMillis").asLong();
            assertTrue(remaining > 0 && remaining <= 7000, "remaining " + remaining);
            assertEquals(context.requestId(), c.get("requestId").asText());
            assertEquals("alerts-cron", c.get("functionName").asText());
            assertEquals(256, c.get("memoryLimitMb").asInt());
            assertEquals("arn:aws:lambda:us-east-1:123456789012:function:alerts-cron", c.get("invokedFunctionArn").asText());

            assertEquals("t-1", env(probe, "TABLE_NAME"));
            assertEquals("alerts-cron", env(probe, "AWS_LAMBDA_FUNCTION_NAME"));
            assertEquals(PROBE, env(probe, "_HANDLER"));
            assertEquals(LambdaProcess.JAVA_TOOL_OPTIONS, env(probe, "JAVA_TOOL_OPTIONS"));
            assertTrue(LambdaProcess.JAVA_TOOL_OPTIONS.contains("-XX:TieredStopAtLevel=1"), "as template.yaml sets it");
            assertNull(env(probe, hostOnly), "the test JVM's " + hostOnly + " leaked into the function");
        }
    }

    private static String env(LambdaSandbox probe, String name) {
        JsonNode value = probe.invoke("{\"op\":\"env\",\"name\":\"" + name + "\"}", TIMEOUT).json().get("value");
        return value == null || value.isNull() ? null : value.asText();
    }

    @Test
    void aRunPastItsDeadlineIsKilledAndTheNextInvocationIsACleanColdStart() {
        try (LambdaSandbox probe = sandbox(PROBE).build()) {
            probe.start();
            long pid = probe.pid().orElseThrow();
            InvokeResult late = probe.invoke("{\"op\":\"sleep\",\"ms\":60000}", Duration.ofMillis(1000));

            assertTrue(late.timedOut(), late::describe);
            assertEquals("Sandbox.Timedout", late.errorType());
            assertTrue(late.errorMessage().endsWith("Task timed out after 1.00 seconds"), late.errorMessage());
            assertTrue(late.duration().toMillis() >= 1000 && late.duration().toMillis() < 10_000, late.duration()::toString);
            assertTrue(late.logs().contains("sleeping 60000"), late::describe);
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the late process was killed");
            assertFalse(probe.warm());

            InvokeResult next = probe.invoke("{\"op\":\"count\"}", TIMEOUT);
            assertTrue(next.cold(), next::describe);
            assertEquals(1, next.json().get("invocations").asInt());
        }
    }

    @Test
    void aProcessThatExitsOrIsKilledMidInvocationEndsItAsARuntimeExitError() throws Exception {
        try (LambdaSandbox probe = sandbox(PROBE).build()) {
            InvokeResult exited = probe.invoke("{\"op\":\"exit\",\"status\":3}", TIMEOUT);
            assertTrue(exited.isFunctionError(), exited::describe);
            assertEquals("Runtime.ExitError", exited.errorType());
            assertTrue(exited.errorMessage().endsWith("Runtime exited with error: exit status 3"), exited.errorMessage());

            CompletableFuture<Void> killer = CompletableFuture.runAsync(() -> {
                if (probe.awaitLogLine("sleeping 60000"::equals, TIMEOUT)) probe.kill();
            });
            InvokeResult killed = probe.invoke("{\"op\":\"sleep\",\"ms\":60000}", TIMEOUT);
            killer.get(5, TimeUnit.SECONDS);

            assertTrue(killed.cold(), "a new container after the exit");
            assertEquals("Runtime.ExitError", killed.errorType(), killed::describe);
            assertTrue(killed.errorMessage().endsWith("signal 9"), killed.errorMessage());
            assertEquals(2, probe.coldStarts());
        }
    }

    @Test
    void anInitFailureIsTheInvocationsErrorAndTheNextInvocationTriesInitAgain() {
        try (LambdaSandbox broken = sandbox("dev.stockalerts.testing.handlers.FailingInitHandler::handleRequest").build()) {
            InvokeResult first = broken.invoke("{}", TIMEOUT);
            InvokeResult second = broken.invoke("{}", TIMEOUT);

            assertTrue(first.isFunctionError(), first::describe);
            assertTrue(first.errorMessage().contains("TABLE_NAME is not set"), first::describe);
            assertTrue(second.isFunctionError() && second.cold(), second::describe);
            assertEquals(2, broken.coldStarts());
        }
    }

    /** The process state letter of /proc/PID/stat (T: stopped). */
    private static char state(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2);
    }
}
