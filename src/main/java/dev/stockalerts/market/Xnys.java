package dev.stockalerts.market;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The New York Stock Exchange, whose schedule Nasdaq shares: regular sessions 09:30-16:00 America/New_York on
 * weekdays, closed on the published full-day holidays, closing at 13:00 on the published early-close days
 * ({@link XnysHolidays}). Daylight saving comes from the JDK's tz data, so the session opens at 14:30Z in winter and
 * 13:30Z in summer.
 *
 * <p>Beyond the years whose holidays are built in (2026-2027), it does not guess holidays: every weekday is a
 * regular full session and {@link #holidaysKnown} answers false, so the caller can warn that the table needs the
 * next year's rows.
 */
public final class Xnys implements MarketCalendar {

    public static final String ID = "XNYS";

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final LocalTime OPEN = LocalTime.of(9, 30);
    private static final LocalTime CLOSE = LocalTime.of(16, 0);
    private static final LocalTime EARLY_CLOSE = LocalTime.of(13, 0);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ZoneId zone() {
        return NEW_YORK;
    }

    @Override
    public Optional<Session> session(LocalDate day) {
        if (isWeekend(day) || XnysHolidays.closedAllDay(day)) return Optional.empty();
        LocalTime close = XnysHolidays.closesAt13(day) ? EARLY_CLOSE : CLOSE;
        // 09:30 to 16:00 never meets a DST switch (02:00 local), so each local time maps to exactly one instant.
        return Optional.of(new Session(day,
                day.atTime(OPEN).atZone(NEW_YORK).toInstant(),
                day.atTime(close).atZone(NEW_YORK).toInstant()));
    }

    @Override
    public boolean holidaysKnown(LocalDate day) {
        return XnysHolidays.covers(day);
    }

    private static boolean isWeekend(LocalDate day) {
        DayOfWeek d = day.getDayOfWeek();
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
    }

    @Override
    public String toString() {
        return ID + " (NYSE/Nasdaq; holidays built in for " + XnysHolidays.FIRST_YEAR + "-" + XnysHolidays.LAST_YEAR + ")";
    }
}
