package dev.stockalerts.throttle;

import java.time.Instant;

/**
 * Cross-container throttle state (e.g. a DynamoDB conditional put with a TTL attribute),
 * so concurrent Lambda containers do not each send the same notice.
 */
public interface SharedThrottleStore {
    /** No shared state: the container's own map decides alone. */
    SharedThrottleStore NONE = (key, expiresAt, now) -> true;

    /**
     * Atomically claims {@code key} until {@code expiresAt} if no claim is live at {@code now}.
     *
     * @return true if this caller now holds the claim, false if another unexpired claim exists
     * @throws RuntimeException when the store cannot be reached; {@link ThrottleCache} then fails open
     */
    boolean tryAcquire(String key, Instant expiresAt, Instant now);
}
