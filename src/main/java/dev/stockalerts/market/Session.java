package dev.stockalerts.market;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One regular trading session: the market trades from {@code open} (inclusive) to {@code close} (exclusive).
 * {@code day} is the session's date in its exchange's zone.
 */
public record Session(LocalDate day, Instant open, Instant close) {

    public Session {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(close, "close");
        if (!open.isBefore(close)) {
            throw new IllegalArgumentException("a session must open before it closes: " + day + " " + open + " - " + close);
        }
    }

    /** Whether the market trades at {@code t}: at the open itself yes, at the close itself no. */
    public boolean contains(Instant t) {
        return !t.isBefore(open) && t.isBefore(close);
    }
}
