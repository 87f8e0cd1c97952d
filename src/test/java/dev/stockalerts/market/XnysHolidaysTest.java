package dev.stockalerts.market;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The 2026 and 2027 holidays and early closes exactly as NYSE publishes them (nyse.com "Holidays &amp; Trading
 * Hours"; NYSE Group releases of 2024-11-08 and 2025-12-23), weekday included as a typo guard.
 */
class XnysHolidaysTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private final Xnys xnys = new Xnys();

    @ParameterizedTest(name = "{0} ({1}) {2}: closed all day")
    @CsvSource({
            "2026-01-01, THURSDAY, New Year's Day",
            "2026-01-19, MONDAY,   Martin Luther King Jr. Day",
            "2026-02-16, MONDAY,   Washington's Birthday",
            "2026-04-03, FRIDAY,   Good Friday",
            "2026-05-25, MONDAY,   Memorial Day",
            "2026-06-19, FRIDAY,   Juneteenth",
            "2026-07-03, FRIDAY,   Independence Day observed (July 4 is a Saturday)",
            "2026-09-07, MONDAY,   Labor Day",
            "2026-11-26, THURSDAY, Thanksgiving Day",
            "2026-12-25, FRIDAY,   Christmas Day",
            "2027-01-01, FRIDAY,   New Year's Day",
            "2027-01-18, MONDAY,   Martin Luther King Jr. Day",
            "2027-02-15, MONDAY,   Washington's Birthday",
            "2027-03-26, FRIDAY,   Good Friday",
            "2027-05-31, MONDAY,   Memorial Day",
            "2027-06-18, FRIDAY,   Juneteenth observed (June 19 is a Saturday)",
            "2027-07-05, MONDAY,   Independence Day observed (July 4 is a Sunday)",
            "2027-09-06, MONDAY,   Labor Day",
            "2027-11-25, THURSDAY, Thanksgiving Day",
            "2027-12-24, FRIDAY,   Christmas Day observed (December 25 is a Saturday)",
    })
    void everyPublishedHolidayIsClosedAllDay(LocalDate day, DayOfWeek weekday, String holiday) {
        assertEquals(weekday, day.getDayOfWeek(), holiday);
        assertTrue(xnys.session(day).isEmpty(), holiday);
        assertTrue(xnys.holidaysKnown(day));
        for (LocalTime t : new LocalTime[] {LocalTime.of(9, 30), LocalTime.NOON, LocalTime.of(15, 59)}) {
            assertFalse(xnys.isOpen(at(day, t)), holiday + " at " + t);
        }
    }

    @ParameterizedTest(name = "{0} ({1}) {2}: 09:30-13:00 New York = {3} - {4}")
    @CsvSource({
            "2026-11-27, FRIDAY,   day after Thanksgiving, 2026-11-27T14:30:00Z, 2026-11-27T18:00:00Z",
            "2026-12-24, THURSDAY, Christmas Eve,          2026-12-24T14:30:00Z, 2026-12-24T18:00:00Z",
            "2027-11-26, FRIDAY,   day after Thanksgiving, 2027-11-26T14:30:00Z, 2027-11-26T18:00:00Z",
    })
    void everyPublishedEarlyCloseClosesAt13NewYork(LocalDate day, DayOfWeek weekday, String name, Instant open, Instant close) {
        assertEquals(weekday, day.getDayOfWeek(), name);
        assertEquals(new Session(day, open, close), xnys.session(day).orElseThrow());
        assertTrue(xnys.isOpen(at(day, LocalTime.of(12, 59, 59))));
        assertFalse(xnys.isOpen(at(day, LocalTime.of(13, 0))));
        assertFalse(xnys.isOpen(at(day, LocalTime.of(15, 0))));
    }

    @Test
    void the2026And2027TablesHoldExactlyThePublishedDaysAndNoOthers() {
        Set<LocalDate> closedWeekdays = new TreeSet<>();
        Set<LocalDate> earlyCloses = new TreeSet<>();
        for (LocalDate d = LocalDate.of(2026, 1, 1); d.getYear() <= 2027; d = d.plusDays(1)) {
            boolean weekend = d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
            var session = xnys.session(d);
            if (weekend) {
                assertTrue(session.isEmpty(), d + " is a weekend");
            } else if (session.isEmpty()) {
                closedWeekdays.add(d);
            } else if (!session.get().close().equals(at(d, LocalTime.of(16, 0)))) {
                earlyCloses.add(d);
            }
            session.ifPresent(s -> assertEquals(at(s.day(), LocalTime.of(9, 30)), s.open()));
        }
        assertEquals(20, closedWeekdays.size(), closedWeekdays::toString);
        assertEquals(Set.of(date("2026-11-27"), date("2026-12-24"), date("2027-11-26")), earlyCloses);
    }

    /** An independent derivation of the same days from NYSE Rule 7.2 and the early-close customs, against typos. */
    @Test
    void theTablesAgreeWithTheRulesNyseDerivesThemFrom() {
        for (int year = 2026; year <= 2027; year++) {
            Set<LocalDate> closed = new TreeSet<>();
            Set<LocalDate> early = new TreeSet<>();
            for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
                var session = xnys.session(d);
                if (session.isEmpty() && d.getDayOfWeek().getValue() <= 5) closed.add(d);
                if (session.isPresent() && session.get().close().equals(at(d, LocalTime.of(13, 0)))) early.add(d);
            }
            assertEquals(Rule72.fullDayHolidays(year), closed, "holidays of " + year);
            assertEquals(Rule72.earlyCloses(year), early, "early closes of " + year);
        }
    }

    private static Instant at(LocalDate day, LocalTime time) {
        return day.atTime(time).atZone(NEW_YORK).toInstant();
    }

    private static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }

    /** The rules behind the published list, coded independently of the production table. */
    private static final class Rule72 {

        static Set<LocalDate> fullDayHolidays(int year) {
            Set<LocalDate> days = new TreeSet<>();
            LocalDate newYear = LocalDate.of(year, 1, 1);
            // A Saturday New Year's Day is not observed on the Friday before (it would fall in the previous year).
            if (newYear.getDayOfWeek() != DayOfWeek.SATURDAY) days.add(observed(newYear));
            days.add(nth(year, 1, 3, DayOfWeek.MONDAY));                      // Martin Luther King, Jr. Day
            days.add(nth(year, 2, 3, DayOfWeek.MONDAY));                      // Washington's Birthday
            days.add(easter(year).minusDays(2));                              // Good Friday
            days.add(LocalDate.of(year, 5, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)));
            days.add(observed(LocalDate.of(year, 6, 19)));                    // Juneteenth
            days.add(observed(LocalDate.of(year, 7, 4)));                     // Independence Day
            days.add(nth(year, 9, 1, DayOfWeek.MONDAY));                      // Labor Day
            days.add(thanksgiving(year));
            days.add(observed(LocalDate.of(year, 12, 25)));                   // Christmas Day
            return days;
        }

        static Set<LocalDate> earlyCloses(int year) {
            Set<LocalDate> days = new TreeSet<>();
            days.add(thanksgiving(year).plusDays(1));
            LocalDate july3 = LocalDate.of(year, 7, 3);
            LocalDate christmasEve = LocalDate.of(year, 12, 24);
            if (july3.getDayOfWeek().getValue() <= 4) days.add(july3);
            if (christmasEve.getDayOfWeek().getValue() <= 4) days.add(christmasEve);
            return days;
        }

        private static LocalDate observed(LocalDate day) {
            return switch (day.getDayOfWeek()) {
                case SATURDAY -> day.minusDays(1);
                case SUNDAY -> day.plusDays(1);
                default -> day;
            };
        }

        private static LocalDate thanksgiving(int year) {
            return nth(year, 11, 4, DayOfWeek.THURSDAY);
        }

        private static LocalDate nth(int year, int month, int n, DayOfWeek weekday) {
            return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, weekday));
        }

        /** Gregorian Easter Sunday (the anonymous "Meeus/Jones/Butcher" algorithm). */
        private static LocalDate easter(int y) {
            int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
            int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
            int m = (a + 11 * h + 22 * l) / 451;
            return LocalDate.of(y, (h + l - 7 * m + 114) / 31, (h + l - 7 * m + 114) % 31 + 1);
        }
    }
}
