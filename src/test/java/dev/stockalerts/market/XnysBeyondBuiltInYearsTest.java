package dev.stockalerts.market;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Outside 2026-2027 XNYS knows no holidays: it assumes every weekday is a regular session and says so through
 * holidaysKnown, rather than guessing holiday dates or failing the scheduled check.
 */
class XnysBeyondBuiltInYearsTest {

    private final Xnys xnys = new Xnys();

    @ParameterizedTest(name = "holidays known on {0}: {1}")
    @CsvSource({"2025-12-31, false", "2026-01-01, true", "2027-12-31, true", "2028-01-03, false", "2031-06-02, false"})
    void holidaysAreKnownExactlyForTheBuiltInYears(LocalDate day, boolean known) {
        assertEquals(known, xnys.holidaysKnown(day));
    }

    @ParameterizedTest(name = "{0} ({1}) is assumed a regular session")
    @CsvSource({
            "2025-12-25, Christmas 2025",
            "2028-01-17, Martin Luther King Jr. Day 2028",
            "2028-11-24, the day after Thanksgiving 2028 (an early close in reality)",
    })
    void aWeekdayBeyondTheBuiltInYearsIsAssumedARegularFullSessionAndSaysSo(LocalDate day, String realHoliday) {
        Session s = xnys.session(day).orElseThrow();
        assertEquals(day.atTime(9, 30).atZone(xnys.zone()).toInstant(), s.open(), realHoliday);
        assertEquals(day.atTime(16, 0).atZone(xnys.zone()).toInstant(), s.close(), realHoliday);
        assertFalse(xnys.holidaysKnown(day), realHoliday);
    }

    @Test
    void weekendsBeyondTheBuiltInYearsAreStillClosed() {
        assertTrue(xnys.session(LocalDate.parse("2028-01-15")).isEmpty());
        assertTrue(xnys.session(LocalDate.parse("2025-12-28")).isEmpty());
    }

    @Test
    void theLastSessionOf2027LeadsIntoAnAssumed2028() {
        LocalDate firstOf2028 = LocalDate.parse("2028-01-03");
        assertEquals(LocalDate.parse("2027-12-31"), xnys.previousTradingDay(firstOf2028));
        assertEquals(Instant.parse("2028-01-03T14:30:00Z"), xnys.session(firstOf2028).orElseThrow().open());
        assertEquals(LocalDate.parse("2027-12-31"), xnys.tradingDay(Instant.parse("2028-01-03T14:29:59Z")));
        assertFalse(xnys.holidaysKnown(firstOf2028));
    }
}
