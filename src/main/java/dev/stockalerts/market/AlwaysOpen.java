package dev.stockalerts.market;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * A market that trades around the clock every day (crypto, FX): each UTC date is one session from 00:00Z to the
 * next 00:00Z, so it is always open, its trading day is the UTC date and the "previous close" is the price at the
 * last UTC midnight.
 */
public final class AlwaysOpen implements MarketCalendar {

    public static final String ID = "ALWAYS";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ZoneId zone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Optional<Session> session(LocalDate day) {
        return Optional.of(new Session(day,
                day.atStartOfDay(ZoneOffset.UTC).toInstant(),
                day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
    }

    /** There are no holidays to know. */
    @Override
    public boolean holidaysKnown(LocalDate day) {
        return true;
    }

    @Override
    public String toString() {
        return ID + " (around the clock; trading day = UTC date)";
    }
}
