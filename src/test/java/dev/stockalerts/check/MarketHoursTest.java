package dev.stockalerts.check;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.Condition;
import dev.stockalerts.alert.RearmPolicy;
import dev.stockalerts.market.MarketCalendars;
import dev.stockalerts.quote.Quote;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarketHoursTest {
    /** Tuesday 2026-11-24, 09:31 New York: the first minute of the session. */
    private static final Instant AFTER_OPEN = Instant.parse("2026-11-24T14:31:00Z");
    private final MarketHours hours = new MarketHours(MarketCalendars.of("XNYS"), AFTER_OPEN);

    private static Alert alert(Condition condition) {
        return alert(condition, null);
    }

    private static Alert alert(Condition condition, String market) {
        return new Alert("a", "AAPL", condition, condition == Condition.PERCENT_CHANGE ? 5 : 200, RearmPolicy.once(),
                List.of("webhook"), AFTER_OPEN.minusSeconds(86_400), null, null, 1, 1, market);
    }

    private static Quote printedAt(Instant marketTime) {
        return new Quote("AAPL", 190, 180.0, "USD", marketTime, "test");
    }

    @Test
    void aPercentChangeAlertSkipsAQuoteFromYesterdaysSessionButNotOneFromToday() {
        Quote yesterday = printedAt(Instant.parse("2026-11-23T21:00:00Z")); // Monday's close, previous close Friday's
        assertTrue(hours.stale(alert(Condition.PERCENT_CHANGE), yesterday), "it would fire again on Monday's move");
        assertFalse(hours.stale(alert(Condition.PERCENT_CHANGE), printedAt(AFTER_OPEN)));
        assertFalse(hours.stale(alert(Condition.ABOVE), yesterday), "a price level is a price level");
    }

    @Test
    void anAlertsOwnCalendarWinsOverTheDefault() {
        Instant sunday = Instant.parse("2026-11-22T12:00:00Z");
        MarketHours weekend = new MarketHours(MarketCalendars.of("XNYS"), sunday);
        assertFalse(weekend.open(alert(Condition.ABOVE)));
        assertTrue(weekend.open(alert(Condition.ABOVE, "ALWAYS")));
    }
}
