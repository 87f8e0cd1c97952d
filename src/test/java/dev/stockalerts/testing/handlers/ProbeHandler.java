package dev.stockalerts.testing.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test-only function for LambdaSandboxTest, told by its event what to do: {"op": "context" | "sleep" (ms) |
 * "throw" (message) | "exit" (status) | "env" (name)}. Counts its invocations in a static field, so a warm
 * container shows its count going on and a new one starts from 1.
 */
public final class ProbeHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static int invocations;

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        invocations++;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("invocations", invocations);
        out.put("pid", ProcessHandle.current().pid());
        switch (String.valueOf(event.get("op"))) {
            case "context" -> {
                out.put("remainingMillis", context.getRemainingTimeInMillis());
                out.put("requestId", context.getAwsRequestId());
                out.put("functionName", context.getFunctionName());
                out.put("memoryLimitMb", context.getMemoryLimitInMB());
                out.put("invokedFunctionArn", context.getInvokedFunctionArn());
            }
            case "sleep" -> {
                System.out.println("sleeping " + event.get("ms"));
                sleep(((Number) event.get("ms")).longValue());
            }
            case "throw" -> throw new IllegalStateException(String.valueOf(event.get("message")));
            case "exit" -> System.exit(((Number) event.get("status")).intValue());
            case "env" -> out.put("value", System.getenv(String.valueOf(event.get("name"))));
            default -> out.put("event", event);
        }
        return out;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
