package dev.stockalerts.bot;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.AlertState;
import dev.stockalerts.alert.Condition;
import dev.stockalerts.alert.RearmPolicy;
import dev.stockalerts.delivery.ChannelOutcome;
import dev.stockalerts.delivery.FiringRecord;
import dev.stockalerts.quote.Quote;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the bot words quotes, alerts, states and firings: plain sentences a phone shows well. */
final class Wording {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Wording() {}

    static String help() {
        StringBuilder text = new StringBuilder("I watch stock prices and message this chat when an alert fires.\n");
        for (BotCommands c : BotCommands.menu()) text.append('\n').append('/').append(c.command()).append(" - ").append(c.description());
        text.append("\n\nExamples:\n/price AAPL\n/alert AAPL above 200\n/alert TSLA move -5% cooldown 1h\n"
                + "/alert MSFT crosses below 400 hysteresis 5 back under 400\n/alerts");
        return text.toString();
    }

    static String usage(BotCommands command, String problem) {
        return (problem == null ? "" : capitalized(problem) + ".\n") + "Usage: " + command.usage() + "\nFor example: " + command.example();
    }

    static String quote(Quote q) {
        StringBuilder text = new StringBuilder(q.symbol()).append(' ').append(amount(q.price()));
        if (q.currency() != null) text.append(' ').append(q.currency());
        if (q.change() != null && q.changePercent() != null) {
            text.append("\n").append(signed(q.change())).append(" (").append(signed(q.changePercent())).append("%)")
                    .append(" since the previous close of ").append(amount(q.previousClose()));
        }
        if (q.dayLow() != null && q.dayHigh() != null) {
            text.append("\nDay range ").append(amount(q.dayLow())).append(" - ").append(amount(q.dayHigh()));
        }
        text.append("\nFrom ").append(q.provider());
        if (q.marketTime() != null) text.append(", ").append(time(q.marketTime()));
        return text.toString();
    }

    /** e.g. "AAPL above 200.00, once", "TSLA down 5% on the day, at most every 1h", then the note. */
    static String alert(Alert a) {
        String what = switch (a.condition()) {
            case ABOVE -> "above " + amount(a.level());
            case BELOW -> "below " + amount(a.level());
            case CROSSES_ABOVE -> "crosses above " + amount(a.level());
            case CROSSES_BELOW -> "crosses below " + amount(a.level());
            case PERCENT_CHANGE -> (a.level() > 0 ? "up " : "down ") + plain(Math.abs(a.level())) + "% on the day";
        };
        String rearm = switch (a.rearm().kind()) {
            case ONCE -> "once";
            case COOLDOWN -> "at most every " + duration(a.rearm().cooldown());
            case REARM -> a.rearm().hysteresis() == 0 ? "again once back past the level"
                    : "again after moving back " + plain(a.rearm().hysteresis()) + (a.condition() == Condition.PERCENT_CHANGE ? " points" : "");
        };
        return a.symbol() + " " + what + ", " + rearm + (a.note() == null ? "" : " (" + a.note() + ")");
    }

    /** Where an alert stands, from the state the scheduled check last stored. */
    static String state(Alert a, AlertState s, String shortId, Instant now) {
        String fired = s.lastFiredAt() == null ? null
                : "fired " + time(s.lastFiredAt()) + (s.lastFiredPrice() == null ? "" : " at " + amount(s.lastFiredPrice()))
                + (s.fireCount() > 1 ? " (" + s.fireCount() + " times)" : "");
        boolean rearmAsked = a.rearmRequestedAt() != null
                && (s.lastFiredAt() == null || a.rearmRequestedAt().isAfter(s.lastFiredAt()));
        if (a.rearm().kind() == RearmPolicy.Kind.COOLDOWN && s.lastFiredAt() != null) {
            Instant quietUntil = s.lastFiredAt().plus(a.rearm().cooldown());
            return quietUntil.isAfter(now) ? fired + "; quiet until " + time(quietUntil) : "watching; last " + fired;
        }
        if (fired == null) return "watching";
        if (s.armed()) return "watching; last " + fired;
        if (rearmAsked) return fired + "; re-arm requested, the next check applies it";
        if (a.rearm().kind() == RearmPolicy.Kind.REARM) return fired + "; re-arms once the price is back past the level";
        return fired + "; off until /rearm " + shortId;
    }

    static String firing(FiringRecord r) {
        String trigger = switch (r.firing().trigger()) {
            case LAST_PRICE -> "";
            case DAY_HIGH -> " (the day's high, between checks)";
            case DAY_LOW -> " (the day's low, between checks)";
        };
        String channels = r.channels().stream().map(Wording::outcome).collect(Collectors.joining("; "));
        return time(r.firing().firedAt()) + " at " + amount(r.firing().price()) + trigger + ": " + channels;
    }

    private static String outcome(ChannelOutcome c) {
        String status = switch (c.status()) {
            case DELIVERED -> "delivered";
            case RETRYING -> "not yet delivered, retrying";
            case GIVEN_UP -> "given up";
        };
        return c.channel() + " " + status + (c.detail() == null ? "" : " (" + c.detail() + ")");
    }

    static String time(Instant at) {
        return TIME.format(at);
    }

    /** 30m, 1h, 1h30m, 2d: as /alert takes it. */
    static String duration(Duration d) {
        StringBuilder text = new StringBuilder();
        if (d.toDaysPart() > 0) text.append(d.toDaysPart()).append('d');
        if (d.toHoursPart() > 0) text.append(d.toHoursPart()).append('h');
        if (d.toMinutesPart() > 0) text.append(d.toMinutesPart()).append('m');
        if (d.toSecondsPart() > 0 || text.length() == 0) text.append(d.toSecondsPart()).append('s');
        return text.toString();
    }

    /** A price: at least 2 decimals (200.00), up to 6 for FX-style quotes (1.0834). */
    static String amount(double value) {
        BigDecimal exact = BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return exact.scale() < 2 ? exact.setScale(2, RoundingMode.UNNECESSARY).toPlainString() : exact.toPlainString();
    }

    /** A number as typed: 5, 2.5. */
    static String plain(double value) {
        return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    private static String signed(double value) {
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_EVEN);
        return (rounded.signum() >= 0 ? "+" : "") + rounded.toPlainString();
    }

    static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
