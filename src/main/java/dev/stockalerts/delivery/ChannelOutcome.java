package dev.stockalerts.delivery;

import java.util.Objects;

/** Where one channel of a firing stands, as its history shows it. */
public record ChannelOutcome(String channel, Status status, String detail) {
    public enum Status {
        /** The target answered 2xx. */
        DELIVERED,
        /** Not confirmed yet: tried again later. */
        RETRYING,
        /** No longer tried (rejected, no answer twice, failing past the give-up time). */
        GIVEN_UP
    }

    public ChannelOutcome {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(status, "status");
    }
}
