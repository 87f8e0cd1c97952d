package dev.stockalerts.notify;

import dev.stockalerts.delivery.SendResult.Outcome;

import java.time.Duration;

/**
 * A channel could not deliver. {@link #outcome()} tells the caller what it knows: the target refused for
 * good (REJECTED), did not get it or failed (FAILED, retry later), or may have got it without answering
 * (UNANSWERED).
 */
public class DeliveryException extends Exception {
    private final String channel;
    private final Outcome outcome;
    private final Duration retryAfter;

    public DeliveryException(String channel, Outcome outcome, String message, Duration retryAfter, Throwable cause) {
        super(channel + ": " + message, cause);
        if (outcome == Outcome.DELIVERED || outcome == Outcome.NOT_ATTEMPTED) {
            throw new IllegalArgumentException("not a failure: " + outcome);
        }
        this.channel = channel;
        this.outcome = outcome;
        this.retryAfter = retryAfter;
    }

    public DeliveryException(String channel, Outcome outcome, String message, Throwable cause) {
        this(channel, outcome, message, null, cause);
    }

    public DeliveryException(String channel, Outcome outcome, String message) {
        this(channel, outcome, message, null, null);
    }

    public String channel() {
        return channel;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** How long the target asked us to wait (Telegram retry_after), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
