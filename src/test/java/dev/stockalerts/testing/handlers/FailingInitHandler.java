package dev.stockalerts.testing.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;

/** Test-only function for LambdaSandboxTest whose construction fails, as a handler with a bad setting does. */
public final class FailingInitHandler implements RequestHandler<Map<String, Object>, String> {
    public FailingInitHandler() {
        throw new IllegalStateException("TABLE_NAME is not set");
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return "unreachable";
    }
}
