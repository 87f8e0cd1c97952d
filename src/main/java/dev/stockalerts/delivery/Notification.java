package dev.stockalerts.delivery;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.Firing;
import dev.stockalerts.alert.Trigger;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;

/**
 * One firing of an alert, as every channel sees it.
 *
 * @param telegramChat the chat the alert was made from in Telegram, where the Telegram channel sends it; null for the
 *                     service's chat
 */
public record Notification(
        String alertId,
        String symbol,
        String condition,
        double level,
        double price,
        Instant time,
        int fireCount,
        Trigger trigger,
        String telegramChat) {

    public Notification {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(time, "time");
        trigger = trigger == null ? Trigger.LAST_PRICE : trigger;
    }

    /** A firing of an alert made through the API: Telegram sends it to the service's chat. */
    public Notification(String alertId, String symbol, String condition, double level, double price, Instant time,
                        int fireCount, Trigger trigger) {
        this(alertId, symbol, condition, level, price, time, fireCount, trigger, null);
    }

    public static Notification of(Alert alert, Firing firing) {
        return new Notification(alert.id(), alert.symbol(), alert.condition().name(), alert.level(),
                firing.price(), firing.firedAt(), firing.fireCount(), firing.trigger(), alert.telegramChat());
    }

    /**
     * Human text, e.g. "AAPL ABOVE 200.00: price 201.35 at 2026-11-25T14:05:00Z", or for a touch between two checks
     * "AAPL ABOVE 200.00: the day's high touched 201.35 between checks (seen at 2026-11-25T14:05:00Z)".
     */
    public String message() {
        String at = time.truncatedTo(ChronoUnit.SECONDS).toString();
        return switch (trigger) {
            case LAST_PRICE -> headline() + ": price " + amount(price) + " at " + at;
            case DAY_HIGH -> headline() + ": the day's high touched " + amount(price) + " between checks (seen at " + at + ")";
            case DAY_LOW -> headline() + ": the day's low touched " + amount(price) + " between checks (seen at " + at + ")";
        };
    }

    /** Short form without price and time, e.g. "AAPL ABOVE 200.00" (SNS subject). */
    public String headline() {
        // PERCENT_CHANGE levels are signed percentages, not prices.
        String lvl = "PERCENT_CHANGE".equals(condition)
                ? (level > 0 ? "+" : "") + amount(level) + "%"
                : amount(level);
        return symbol + " " + condition + " " + lvl;
    }

    /** At least 2 decimals (200.00) but keeps FX-style precision (1.0834). */
    static String amount(double value) {
        // DecimalFormat is not thread-safe: one per call is cheap enough here.
        return new DecimalFormat("0.00####", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }
}
