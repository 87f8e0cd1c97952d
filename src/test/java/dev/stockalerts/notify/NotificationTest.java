package dev.stockalerts.notify;

import dev.stockalerts.alert.Trigger;
import dev.stockalerts.delivery.Notification;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NotificationTest {
    static final Instant TIME = Instant.parse("2026-11-25T14:05:00Z");

    static Notification sample() {
        return new Notification("a1", "AAPL", "ABOVE", 200.0, 201.35, TIME, 1, Trigger.LAST_PRICE);
    }

    @Test
    void messageReadsLikeASentence() {
        assertEquals("AAPL ABOVE 200.00: price 201.35 at 2026-11-25T14:05:00Z", sample().message());
    }

    @Test
    void keepsFxPrecisionAndSignsPercentLevels() {
        assertEquals("EURUSD=X BELOW 1.0834: price 1.08 at 2026-11-25T14:05:00Z",
                new Notification("a2", "EURUSD=X", "BELOW", 1.0834, 1.08, TIME, 1, Trigger.LAST_PRICE).message());
        assertEquals("TSLA PERCENT_CHANGE -5.00%",
                new Notification("a3", "TSLA", "PERCENT_CHANGE", -5, 180, TIME, 1, Trigger.LAST_PRICE).headline());
    }

    @Test
    void aTouchBetweenChecksSaysSoAndAtWhatPrice() {
        Notification touch = new Notification("a1", "AAPL", "ABOVE", 200.0, 201.5, TIME, 1, Trigger.DAY_HIGH);
        assertEquals("AAPL ABOVE 200.00: the day's high touched 201.50 between checks (seen at 2026-11-25T14:05:00Z)",
                touch.message());
    }
}
