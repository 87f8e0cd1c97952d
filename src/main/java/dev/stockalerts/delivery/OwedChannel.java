package dev.stockalerts.delivery;

import java.util.Objects;

/**
 * A channel a firing has not yet been confirmed on.
 *
 * @param unanswered attempts that got no answer (may have arrived); at {@link RetryPolicy#MAX_UNANSWERED} the
 *                   channel is given up, so a target that never answers gets a firing twice at most
 */
public record OwedChannel(String name, int unanswered) {
    public OwedChannel {
        Objects.requireNonNull(name, "name");
        if (unanswered < 0) throw new IllegalArgumentException("unanswered must not be negative");
    }

    public OwedChannel plusUnanswered(int delta) {
        return new OwedChannel(name, Math.max(0, unanswered + delta));
    }
}
