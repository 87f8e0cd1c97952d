package dev.stockalerts.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * How one attempt to deliver a notification to one channel ended.
 *
 * @param retryAfter how long the target asked us to wait (e.g. Telegram's retry_after), or null
 */
public record SendResult(String channel, Outcome outcome, String reason, Duration retryAfter) {

    public enum Outcome {
        /** The target answered 2xx: delivered, whatever its body did afterwards. */
        DELIVERED,
        /** The target answered that it will never take it (4xx such as a bad chat id): give up. */
        REJECTED,
        /** Not delivered, and the target did not get it or said it failed (refused connection, 5xx, 429, 3xx): retry. */
        FAILED,
        /** Sent, but no answer came (timeout, connection lost): it may have arrived. Retried at most once more. */
        UNANSWERED,
        /** The run's deadline came before the attempt started: nothing was sent. */
        NOT_ATTEMPTED
    }

    public SendResult {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(outcome, "outcome");
    }

    public static SendResult delivered(String channel) {
        return new SendResult(channel, Outcome.DELIVERED, null, null);
    }

    public static SendResult notAttempted(String channel) {
        return new SendResult(channel, Outcome.NOT_ATTEMPTED, "the run's deadline came first", null);
    }
}
