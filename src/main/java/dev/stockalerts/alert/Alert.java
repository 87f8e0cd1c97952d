package dev.stockalerts.alert;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An alert definition, written by the API and read by the scheduled function.
 * {@code channels} names the notification channels it goes to (e.g. "webhook").
 * {@code rearmRequestedAt} is when someone last asked (through the API) to re-arm it, or null: the API
 * records the request on the definition and the scheduled function, the only writer of states, applies it.
 */
public record Alert(
        String id,
        String symbol,
        Condition condition,
        double level,
        RearmPolicy rearm,
        List<String> channels,
        Instant createdAt,
        Instant rearmRequestedAt) {

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

    /** A definition nobody has asked to re-arm. */
    public Alert(String id, String symbol, Condition condition, double level, RearmPolicy rearm,
                 List<String> channels, Instant createdAt) {
        this(id, symbol, condition, level, rearm, channels, createdAt, null);
    }
}
