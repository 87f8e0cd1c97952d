package dev.stockalerts.delivery;

/**
 * What one run's deliveries came to, counted per channel of a firing.
 *
 * @param delivered    confirmed (2xx)
 * @param failed       answered with a failure or never reached: tried again later
 * @param unanswered   no answer: may have arrived; tried again later, at most once more
 * @param notAttempted the deadline came first: tried on the next run
 * @param givenUp      no longer tried: rejected, no answer twice, or failing past the give-up time
 * @param owed         still owed after this run, waiting for a retry
 */
public record DeliveryRun(int delivered, int failed, int unanswered, int notAttempted, int givenUp, int owed) {}
