package dev.stockalerts.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * How one {@link LambdaSandbox#invoke invocation} ended, as the caller of Lambda's Invoke API would see it, plus
 * what only a test can see: whether it was a cold start, how long init and the invocation took, and the lines
 * the process wrote meanwhile (init included on a cold start).
 *
 * @param body         the response payload; for a function error, Lambda's error document
 * @param errorType    for a function error: the error document's errorType (the exception class,
 *                     {@code Runtime.ExitError} when the process died, {@code Sandbox.Timedout} on a timeout)
 * @param initDuration JVM start to the runtime's first poll; zero when warm
 * @param duration     event delivered to reply (or to the kill)
 */
public record InvokeResult(String requestId, Kind kind, String body, String errorType, String errorMessage,
                           boolean cold, Duration initDuration, Duration duration, List<String> logs) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Kind {
        /** The function returned; {@link #body()} is its response. */
        RESPONSE,
        /** The runtime reported an error (thrown by the handler or its init), or its process died. */
        FUNCTION_ERROR,
        /** No reply by the deadline: the process was killed, as Lambda resets a timed-out sandbox. */
        TIMED_OUT
    }

    public boolean isResponse() {
        return kind == Kind.RESPONSE;
    }

    public boolean isFunctionError() {
        return kind == Kind.FUNCTION_ERROR;
    }

    public boolean timedOut() {
        return kind == Kind.TIMED_OUT;
    }

    /** The response payload; fails the test, showing the error and the logs, if the function did not return. */
    public String response() {
        if (!isResponse()) throw new AssertionError("expected a response, got " + describe());
        return body;
    }

    /** The response payload parsed as JSON (see {@link #response()}). */
    public JsonNode json() {
        try {
            return JSON.readTree(response());
        } catch (IOException e) {
            throw new AssertionError("response is not JSON: " + body, e);
        }
    }

    /** The outcome and the process's last log lines, for failure messages. */
    public String describe() {
        String outcome = switch (kind) {
            case RESPONSE -> "response " + body;
            case FUNCTION_ERROR -> "function error " + errorType + ": " + errorMessage;
            case TIMED_OUT -> "timeout after " + duration.toMillis() + " ms";
        };
        List<String> tail = logs.subList(Math.max(0, logs.size() - 40), logs.size());
        return outcome + (cold ? " (cold start)" : " (warm)") + "\n--- sandbox log (last " + tail.size() + " lines) ---\n"
                + String.join("\n", tail);
    }

    @Override
    public String toString() {
        return describe();
    }
}
