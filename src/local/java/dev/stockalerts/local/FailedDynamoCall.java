package dev.stockalerts.local;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.net.URI;

/**
 * Remembers the last DynamoDB call that failed in a local run (operation and endpoint), so that a command dying of it
 * can say which call failed against which endpoint: the SDK's own message names neither.
 */
final class FailedDynamoCall implements ExecutionInterceptor {
    /** Every local client reports here; a local command runs one scenario at a time. */
    static final FailedDynamoCall LAST = new FailedDynamoCall();

    private record Failure(Throwable error, String operation, String endpoint) {}

    private volatile Failure last;

    private FailedDynamoCall() {}

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        String endpoint = context.httpRequest().map(r -> origin(r.getUri())).orElse("an unknown endpoint");
        last = new Failure(context.exception(), attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), endpoint);
    }

    /** One line for a command that failed with {@code e}: the DynamoDB call and endpoint when it was one. */
    static String describe(Throwable e) {
        Failure failure = LAST.last;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (failure != null && t == failure.error()) {
                return "DynamoDB " + failure.operation() + " at " + failure.endpoint() + " failed: " + t.getMessage();
            }
        }
        return e.getMessage() == null ? e.toString() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
    }
}
