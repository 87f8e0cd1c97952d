package dev.stockalerts.market;

import java.time.LocalDate;
import java.util.Set;

/**
 * NYSE full-day holidays and 1:00 p.m. early closes of 2026 and 2027, as the exchange publishes them (Nasdaq
 * observes the same days).
 *
 * <p>Sources: nyse.com "Holidays &amp; Trading Hours" (https://www.nyse.com/markets/hours-calendars), and the NYSE
 * Group press releases that announce it: "NYSE Group Announces 2025, 2026 and 2027 Holiday and Early Closings
 * Calendar" (Business Wire, 2024-11-08) and "... 2026, 2027 and 2028 ..." (2025-12-23), both reproduced at
 * mondovisione.com. Their footnotes name every early close: Friday 2026-11-27, Thursday 2026-12-24 and Friday
 * 2027-11-26. Cross-checked against the rules coded in pandas_market_calendars (holidays_nyse.py): the
 * Independence Day early close falls on July 3 only when that is a Monday to Thursday (in 2026 July 3 is itself the
 * observed holiday, in 2027 a Saturday), and the Christmas Eve one only when December 24 is a Monday to Thursday
 * (in 2027 it is the observed Christmas holiday). New Year's Day 2028 falls on a Saturday and, under NYSE Rule 7.2,
 * is not observed, so Friday 2027-12-31 is a regular session.
 *
 * <p>Extending the calendar: add the next year's published rows here and move {@link #LAST_YEAR}.
 */
final class XnysHolidays {

    static final int FIRST_YEAR = 2026;
    static final int LAST_YEAR = 2027;

    private static final Set<LocalDate> CLOSED = Set.of(
            LocalDate.of(2026, 1, 1),   // Thu, New Year's Day
            LocalDate.of(2026, 1, 19),  // Mon, Martin Luther King, Jr. Day
            LocalDate.of(2026, 2, 16),  // Mon, Washington's Birthday
            LocalDate.of(2026, 4, 3),   // Fri, Good Friday
            LocalDate.of(2026, 5, 25),  // Mon, Memorial Day
            LocalDate.of(2026, 6, 19),  // Fri, Juneteenth National Independence Day
            LocalDate.of(2026, 7, 3),   // Fri, Independence Day observed (July 4 is a Saturday)
            LocalDate.of(2026, 9, 7),   // Mon, Labor Day
            LocalDate.of(2026, 11, 26), // Thu, Thanksgiving Day
            LocalDate.of(2026, 12, 25), // Fri, Christmas Day
            LocalDate.of(2027, 1, 1),   // Fri, New Year's Day
            LocalDate.of(2027, 1, 18),  // Mon, Martin Luther King, Jr. Day
            LocalDate.of(2027, 2, 15),  // Mon, Washington's Birthday
            LocalDate.of(2027, 3, 26),  // Fri, Good Friday
            LocalDate.of(2027, 5, 31),  // Mon, Memorial Day
            LocalDate.of(2027, 6, 18),  // Fri, Juneteenth observed (June 19 is a Saturday)
            LocalDate.of(2027, 7, 5),   // Mon, Independence Day observed (July 4 is a Sunday)
            LocalDate.of(2027, 9, 6),   // Mon, Labor Day
            LocalDate.of(2027, 11, 25), // Thu, Thanksgiving Day
            LocalDate.of(2027, 12, 24)); // Fri, Christmas Day observed (December 25 is a Saturday)

    private static final Set<LocalDate> CLOSE_AT_13 = Set.of(
            LocalDate.of(2026, 11, 27), // Fri, day after Thanksgiving
            LocalDate.of(2026, 12, 24), // Thu, Christmas Eve
            LocalDate.of(2027, 11, 26)); // Fri, day after Thanksgiving

    private XnysHolidays() {}

    static boolean covers(LocalDate day) {
        return day.getYear() >= FIRST_YEAR && day.getYear() <= LAST_YEAR;
    }

    static boolean closedAllDay(LocalDate day) {
        return CLOSED.contains(day);
    }

    static boolean closesAt13(LocalDate day) {
        return CLOSE_AT_13.contains(day);
    }
}
