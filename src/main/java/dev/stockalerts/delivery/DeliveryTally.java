package dev.stockalerts.delivery;

import java.util.function.Consumer;

/** One run's delivery counts per channel of a firing, and the log line of each failure and give-up. */
final class DeliveryTally {
    private static final String LOG = "[Delivery] ";

    private final Consumer<String> log;
    private int delivered;
    private int failed;
    private int unanswered;
    private int notAttempted;
    private int givenUp;

    DeliveryTally(Consumer<String> log) {
        this.log = log;
    }

    void count(OwedFiring o, SendResult r) {
        switch (r.outcome()) {
            case DELIVERED -> delivered++;
            case REJECTED -> gaveUp(o, r.channel(), r.reason());
            case FAILED -> failed++;
            case UNANSWERED -> unanswered++;
            case NOT_ATTEMPTED -> notAttempted++;
        }
        if (r.outcome() == SendResult.Outcome.FAILED || r.outcome() == SendResult.Outcome.UNANSWERED) {
            log.accept(LOG + r.channel() + " failed for alert " + o.alertId() + " firing #" + o.firing().fireCount()
                    + ": " + r.reason() + " (retrying later)");
        }
    }

    void gaveUp(OwedFiring o, String channel, String why) {
        givenUp++;
        log.accept(LOG + "Gave up " + channel + " for alert " + o.alertId() + " firing #" + o.firing().fireCount()
                + " of " + o.firing().firedAt() + ": " + why);
    }

    int givenUp() {
        return givenUp;
    }

    DeliveryRun report(int owed) {
        return new DeliveryRun(delivered, failed, unanswered, notAttempted, givenUp, owed);
    }
}
