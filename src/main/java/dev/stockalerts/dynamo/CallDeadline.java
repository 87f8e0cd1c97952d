package dev.stockalerts.dynamo;

import dev.stockalerts.time.DeadlineContext;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;

import java.time.Duration;

/**
 * Shortens each DynamoDB call's timeout (retries included) to what is left of the current thread's
 * deadline: a stalled table must not carry a run past Lambda's end. Registered on the client, so no
 * adapter can forget it.
 */
final class CallDeadline implements ExecutionInterceptor {
    /** Even out of time a call gets this long: it fails fast and cleanly instead of not being made. */
    private static final Duration FLOOR = Duration.ofMillis(50);

    private final DeadlineContext deadlines;
    private final Duration callTimeout;
    private final Duration attemptTimeout;

    CallDeadline(DeadlineContext deadlines, Duration callTimeout, Duration attemptTimeout) {
        this.deadlines = deadlines;
        this.callTimeout = callTimeout;
        this.attemptTimeout = attemptTimeout;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (!deadlines.current().bounded() || !(context.request() instanceof DynamoDbRequest request)) return context.request();
        Duration call = max(deadlines.current().cap(callTimeout), FLOOR);
        Duration attempt = max(deadlines.current().cap(attemptTimeout), FLOOR);
        return request.toBuilder().overrideConfiguration(o -> o.apiCallTimeout(call).apiCallAttemptTimeout(attempt)).build();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
