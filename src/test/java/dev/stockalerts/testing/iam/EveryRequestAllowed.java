package dev.stockalerts.testing.iam;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

/**
 * Fails a test (or its class, for what its set-up and tear-down did) when a function made a request in it that its
 * role in template.yaml would deny: DynamoDB Local and the loopback stand-ins check no IAM, AWS does. Registered for
 * every test by JUnit's extension autodetection (src/test/resources).
 */
public final class EveryRequestAllowed implements AfterEachCallback, AfterAllCallback {
    @Override
    public void afterEach(ExtensionContext context) {
        check(context.getDisplayName());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        check(context.getDisplayName());
    }

    private static void check(String where) {
        List<String> denied = FunctionRoles.takeDenials();
        if (!denied.isEmpty()) {
            throw new AssertionError(where + ": " + denied.size() + " request(s) the function's role in template.yaml would deny:\n  "
                    + String.join("\n  ", denied.stream().distinct().limit(20).toList()));
        }
    }
}
