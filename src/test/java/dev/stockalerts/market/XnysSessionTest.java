package dev.stockalerts.market;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ordinary XNYS days: 09:30-16:00 New York on both sides of each daylight-saving switch; weekends closed. */
class XnysSessionTest {

    private final Xnys xnys = new Xnys();

    @ParameterizedTest(name = "{0}: {1} - {2} ({3})")
    @CsvSource({
            "2026-03-06, 2026-03-06T14:30:00Z, 2026-03-06T21:00:00Z, Friday before DST starts (EST)",
            "2026-03-09, 2026-03-09T13:30:00Z, 2026-03-09T20:00:00Z, Monday after DST starts (EDT)",
            "2026-10-30, 2026-10-30T13:30:00Z, 2026-10-30T20:00:00Z, Friday before DST ends (EDT)",
            "2026-11-02, 2026-11-02T14:30:00Z, 2026-11-02T21:00:00Z, Monday after DST ends (EST)",
            "2027-03-12, 2027-03-12T14:30:00Z, 2027-03-12T21:00:00Z, Friday before DST starts (EST)",
            "2027-03-15, 2027-03-15T13:30:00Z, 2027-03-15T20:00:00Z, Monday after DST starts (EDT)",
            "2027-11-05, 2027-11-05T13:30:00Z, 2027-11-05T20:00:00Z, Friday before DST ends (EDT)",
            "2027-11-08, 2027-11-08T14:30:00Z, 2027-11-08T21:00:00Z, Monday after DST ends (EST)",
            "2026-12-31, 2026-12-31T14:30:00Z, 2026-12-31T21:00:00Z, New Year's Eve is a full day",
            "2027-12-31, 2027-12-31T14:30:00Z, 2027-12-31T21:00:00Z, New Year's Day 2028 is a Saturday and not observed",
            "2026-07-02, 2026-07-02T13:30:00Z, 2026-07-02T20:00:00Z, no early close before the observed July 3 holiday",
            "2026-11-25, 2026-11-25T14:30:00Z, 2026-11-25T21:00:00Z, the day before Thanksgiving is a full day",
            "2027-12-23, 2027-12-23T14:30:00Z, 2027-12-23T21:00:00Z, no early close before the observed Christmas",
    })
    void anOrdinaryDayTradesFrom0930To1600NewYork(LocalDate day, Instant open, Instant close, String why) {
        assertEquals(new Session(day, open, close), xnys.session(day).orElseThrow(), why);
        assertFalse(xnys.isOpen(open.minusSeconds(1)), "a second before the open");
        assertTrue(xnys.isOpen(open), "at the open");
        assertTrue(xnys.isOpen(close.minusSeconds(1)), "a second before the close");
        assertFalse(xnys.isOpen(close), "at the close");
        assertEquals(open, xnys.currentSession(open.plusSeconds(3600)).orElseThrow().open());
    }

    @ParameterizedTest(name = "{0} is a weekend")
    @CsvSource({"2026-03-07", "2026-03-08", "2026-10-31", "2026-11-01", "2027-03-13", "2027-03-14", "2027-11-06", "2027-11-07"})
    void weekendsHaveNoSession(LocalDate day) {
        assertTrue(xnys.session(day).isEmpty());
        assertFalse(xnys.isOpen(day.atTime(12, 0).atZone(xnys.zone()).toInstant()));
        assertTrue(xnys.currentSession(day.atTime(12, 0).atZone(xnys.zone()).toInstant()).isEmpty());
    }

    @ParameterizedTest(name = "{0}: open={1} ({2})")
    @CsvSource({
            "2026-03-09T13:29:59Z, false, a minute before the first EDT open",
            "2026-03-09T13:30:00Z, true,  the first EDT open",
            "2026-03-09T14:30:00Z, true,  where the EST open would have been",
            "2026-03-09T20:30:00Z, false, after the EDT close, before the EST close",
            "2026-11-02T13:30:00Z, false, where the EDT open would have been",
            "2026-11-02T20:30:00Z, true,  after the EDT close, before the EST close",
            "2026-11-27T17:59:59Z, true,  last second of the early close",
            "2026-11-27T18:00:00Z, false, the early close",
            "2026-03-07T15:00:00Z, false, Saturday",
            "2026-03-10T01:00:00Z, false, Monday 21:00 New York (already Tuesday in UTC)",
    })
    void isOpenOnlyInsideTheRegularSession(Instant t, boolean open, String why) {
        assertEquals(open, xnys.isOpen(t), why);
    }
}
