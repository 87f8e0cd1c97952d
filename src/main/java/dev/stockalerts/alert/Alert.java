package dev.stockalerts.alert;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An alert definition, written by the API and read by the scheduled function.
 * {@code channels} names the notification channels it goes to (e.g. "webhook").
 */
public record Alert(
        String id,
        String symbol,
        Condition condition,
        double level,
        RearmPolicy rearm,
        List<String> channels,
        Instant createdAt) {

    /** Ticker symbols as the providers spell them: AAPL, BRK-B, BRK.B, ^GSPC, EURUSD=X. */
    public static final Pattern SYMBOL = Pattern.compile("^[A-Z0-9^][A-Z0-9.\\-=^]{0,14}$");

    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(rearm, "rearm");
        if (symbol == null || !SYMBOL.matcher(symbol).matches()) {
            throw new IllegalArgumentException("invalid symbol: " + symbol);
        }
        if (!Double.isFinite(level)) throw new IllegalArgumentException("level must be a finite number");
        if (condition == Condition.PERCENT_CHANGE && level == 0) {
            throw new IllegalArgumentException("PERCENT_CHANGE level must be non-zero (positive: up, negative: down)");
        }
        if (condition != Condition.PERCENT_CHANGE && level <= 0) {
            throw new IllegalArgumentException("level must be a positive price");
        }
        channels = channels == null || channels.isEmpty() ? List.of("webhook") : List.copyOf(channels);
    }
}
