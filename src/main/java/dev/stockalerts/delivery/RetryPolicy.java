package dev.stockalerts.delivery;

import dev.stockalerts.alert.Firing;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When owed deliveries are tried again, and when they are given up. The delay doubles per claim of a
 * ledger (5, 10, 20, 40 minutes) up to {@code maxDelay}, so a channel that stays down costs a few
 * calls an hour however long it stays down; after {@code giveUpAfter} a firing is given up.
 */
public record RetryPolicy(Duration firstDelay, Duration maxDelay, Duration giveUpAfter) {
    /** Unanswered attempts after which a channel is given up: a firing may reach a silent target twice, never more. */
    public static final int MAX_UNANSWERED = 2;
    /** A retry due within this much of a run counts as due: schedules fire a little early or late. */
    static final Duration SLACK = Duration.ofMinutes(1);
    /**
     * Orphaned ledgers expire (DynamoDB TTL) this long after their firings would have been given up: long, since
     * DynamoDB expires by its own clock, and a ledger gone early would be a delivery forgotten.
     */
    private static final Duration ORPHAN_GRACE = Duration.ofDays(30);

    public RetryPolicy {
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(giveUpAfter, "giveUpAfter");
        if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("need 0 < firstDelay <= maxDelay, got " + firstDelay + " and " + maxDelay);
        }
    }

    public static RetryPolicy standard(Duration giveUpAfter) {
        return new RetryPolicy(Duration.ofMinutes(5), Duration.ofHours(1), giveUpAfter);
    }

    /** When the claim number {@code attempt} of a ledger (0 for its first) is retried if it does not settle. */
    public Instant nextAttempt(long attempt, Instant now) {
        Duration delay = firstDelay;
        for (long i = 0; i < attempt && delay.compareTo(maxDelay) < 0; i++) delay = delay.multipliedBy(2);
        return now.plus(delay.compareTo(maxDelay) > 0 ? maxDelay : delay);
    }

    public boolean due(DeliveryLedger ledger, Instant now) {
        return !ledger.nextAttemptAt().isAfter(now.plus(SLACK));
    }

    public boolean expired(Firing firing, Instant now) {
        return !now.isBefore(firing.firedAt().plus(giveUpAfter));
    }

    /** The TTL of a ledger: nobody needs it once its newest firing would have been given up. */
    public Instant expiresAt(DeliveryLedger ledger) {
        Instant newest = ledger.owed().stream().map(o -> o.firing().firedAt()).max(Instant::compareTo).orElse(ledger.nextAttemptAt());
        return newest.plus(giveUpAfter).plus(ORPHAN_GRACE);
    }
}
