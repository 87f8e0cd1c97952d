package dev.stockalerts.notify;

import java.time.Duration;

/**
 * A channel could not deliver. {@link #retryable()} tells the caller whether to keep the channel
 * pending for the next run (timeouts, 5xx, 429) or give up (bad config, unknown chat, 4xx).
 */
public class DeliveryException extends Exception {
    private final String channel;
    private final boolean retryable;
    private final Duration retryAfter;

    public DeliveryException(String channel, boolean retryable, String message, Duration retryAfter, Throwable cause) {
        super(channel + ": " + message, cause);
        this.channel = channel;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public DeliveryException(String channel, boolean retryable, String message, Throwable cause) {
        this(channel, retryable, message, null, cause);
    }

    public DeliveryException(String channel, boolean retryable, String message) {
        this(channel, retryable, message, null, null);
    }

    public String channel() {
        return channel;
    }

    public boolean retryable() {
        return retryable;
    }

    /** How long the target asked us to wait (Telegram retry_after), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
