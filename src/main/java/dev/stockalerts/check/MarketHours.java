package dev.stockalerts.check;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.Condition;
import dev.stockalerts.market.MarketCalendar;
import dev.stockalerts.market.MarketCalendars;
import dev.stockalerts.quote.Quote;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Which alerts a run checks: those whose market is open now (an alert's own calendar, else the service's). An
 * alert whose market is closed is not evaluated, so its symbol costs no provider request and its state nothing.
 */
final class MarketHours {
    private final MarketCalendar defaultCalendar;
    private final Instant now;

    MarketHours(MarketCalendar defaultCalendar, Instant now) {
        this.defaultCalendar = defaultCalendar;
        this.now = now;
    }

    MarketCalendar calendarOf(Alert alert) {
        return alert.market() == null ? defaultCalendar : MarketCalendars.of(alert.market());
    }

    boolean open(Alert alert) {
        return calendarOf(alert).isOpen(now);
    }

    /** The trading day a quote belongs to: the provider's word when it gives one, else the calendar's. */
    LocalDate tradingDay(Quote quote, Alert alert) {
        if (quote.tradingDay() != null) return quote.tradingDay();
        return calendarOf(alert).tradingDay(quote.marketTime() != null ? quote.marketTime() : now);
    }

    /**
     * A percent-change alert is not checked on a quote of an earlier session (a provider that has not printed today's
     * first trade yet): its previous close is the day before's, and it would fire again on yesterday's move.
     */
    boolean stale(Alert alert, Quote quote) {
        return alert.condition() == Condition.PERCENT_CHANGE
                && tradingDay(quote, alert).isBefore(calendarOf(alert).tradingDay(now));
    }
}
