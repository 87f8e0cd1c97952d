package dev.stockalerts.manage;

import java.time.Instant;
import java.util.Objects;

/**
 * A request that must change definitions at most once however often it arrives (a webhook update its sender retries
 * until it hears 2xx): the mark is written in the change's own transaction, conditional on not existing, and keeps
 * the answer the change gave. A repeat that finds it changes nothing and gives that answer again, also when the first
 * answer was lost after the change was written.
 *
 * @param requestId names the request across its repeats, e.g. telegram/-100123/98765
 * @param answer    what the first attempt answered, to answer every repeat with
 * @param expiresAt when the store may forget it: after the sender stops retrying
 */
public record RequestMark(String requestId, String answer, Instant expiresAt) {
    public RequestMark {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
