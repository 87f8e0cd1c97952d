package dev.stockalerts.handler;

import com.amazonaws.services.lambda.runtime.Context;
import dev.stockalerts.time.Deadline;

import java.time.Duration;

/** When an invocation must have answered: Lambda's remaining time less a margin for answering. */
final class LambdaDeadline {
    private LambdaDeadline() {}

    /** No deadline when invoked without a Context (local tools). */
    static Deadline of(Context context, Duration margin) {
        if (context == null) return Deadline.none();
        return Deadline.in(Duration.ofMillis(context.getRemainingTimeInMillis())).minus(margin);
    }
}
