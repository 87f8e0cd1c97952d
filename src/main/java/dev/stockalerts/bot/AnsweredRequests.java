package dev.stockalerts.bot;

import java.util.Optional;

/**
 * The answers of changes already made for a request (the marks {@code manage.RequestMark} writes with them): a retried
 * update finds its first answer here instead of changing again.
 */
public interface AnsweredRequests {
    /** What the change made for {@code requestId} answered; empty when none was made. Read strongly. */
    Optional<String> answerTo(String requestId);
}
