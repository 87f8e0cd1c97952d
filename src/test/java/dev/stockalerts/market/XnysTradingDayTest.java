package dev.stockalerts.market;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which session a moment belongs to, the one before a day, and the next open, across weekends and holidays. */
class XnysTradingDayTest {

    private final Xnys xnys = new Xnys();

    @ParameterizedTest(name = "{0} belongs to {1} ({2})")
    @CsvSource({
            "2026-03-09T15:00:00Z, 2026-03-09, inside Monday's session",
            "2026-03-09T20:00:00Z, 2026-03-09, at the close",
            "2026-03-10T03:00:00Z, 2026-03-09, Monday 23:00 New York (Tuesday in UTC)",
            "2026-03-10T13:29:59Z, 2026-03-09, Tuesday a second before the open",
            "2026-03-10T13:30:00Z, 2026-03-10, Tuesday at the open",
            "2026-03-07T17:00:00Z, 2026-03-06, Saturday",
            "2026-03-09T12:00:00Z, 2026-03-06, Monday 08:00 New York before the open",
            "2026-04-03T16:00:00Z, 2026-04-02, Good Friday",
            "2026-04-04T16:00:00Z, 2026-04-02, the day after Good Friday",
            "2026-04-06T13:29:59Z, 2026-04-02, the Monday after Good Friday before the open",
            "2026-04-06T13:30:00Z, 2026-04-06, the Monday after Good Friday at the open",
            "2026-11-26T17:00:00Z, 2026-11-25, Thanksgiving",
            "2026-11-27T20:00:00Z, 2026-11-27, after the early close",
            "2026-11-29T17:00:00Z, 2026-11-27, the Sunday of Thanksgiving week",
            "2026-11-30T14:00:00Z, 2026-11-27, the Monday after Thanksgiving week before the open",
            "2026-11-30T14:30:00Z, 2026-11-30, the Monday after Thanksgiving week at the open",
            "2026-07-06T13:00:00Z, 2026-07-02, the Monday after the observed Independence Day, before the open",
            "2027-12-24T15:00:00Z, 2027-12-23, the observed Christmas 2027",
            "2026-01-01T17:00:00Z, 2025-12-31, New Year's Day 2026 (the session before is in 2025)",
    })
    void aMomentBelongsToTheLastSessionThatOpenedAtOrBeforeIt(Instant t, LocalDate tradingDay, String why) {
        assertEquals(tradingDay, xnys.tradingDay(t), why);
        assertEquals(tradingDay, xnys.lastSession(t).day(), why);
    }

    @ParameterizedTest(name = "before {0} comes {1} ({2})")
    @CsvSource({
            "2026-03-10, 2026-03-09, an ordinary Tuesday",
            "2026-03-09, 2026-03-06, a Monday",
            "2026-01-20, 2026-01-16, the Tuesday after Martin Luther King Jr. Day",
            "2026-04-06, 2026-04-02, the Monday after Good Friday",
            "2026-04-04, 2026-04-02, the day after Good Friday",
            "2026-04-03, 2026-04-02, Good Friday itself",
            "2026-11-27, 2026-11-25, the day after Thanksgiving",
            "2026-11-30, 2026-11-27, the Monday after Thanksgiving week (an early close)",
            "2026-12-28, 2026-12-24, the Monday after Christmas 2026",
            "2027-12-27, 2027-12-23, the Monday after the observed Christmas 2027",
            "2026-07-06, 2026-07-02, the Monday after the observed Independence Day 2026",
            "2027-07-06, 2027-07-02, the Tuesday after the observed Independence Day 2027",
            "2026-06-22, 2026-06-18, the Monday after Juneteenth 2026",
            "2026-01-02, 2025-12-31, the first session of 2026",
    })
    void previousTradingDaySkipsWeekendsAndHolidays(LocalDate day, LocalDate previous, String why) {
        assertEquals(previous, xnys.previousTradingDay(day), why);
    }

    @ParameterizedTest(name = "after {0} the next session is {1}, opening at {2} ({3})")
    @CsvSource({
            "2026-03-06, 2026-03-09, 2026-03-09T13:30:00Z, the Monday after DST starts: an hour earlier in UTC",
            "2026-10-30, 2026-11-02, 2026-11-02T14:30:00Z, the Monday after DST ends",
            "2026-04-02, 2026-04-06, 2026-04-06T13:30:00Z, over Good Friday",
            "2026-11-25, 2026-11-27, 2026-11-27T14:30:00Z, over Thanksgiving",
            "2026-11-27, 2026-11-30, 2026-11-30T14:30:00Z, after the early close",
            "2026-12-24, 2026-12-28, 2026-12-28T14:30:00Z, over Christmas",
            "2027-07-02, 2027-07-06, 2027-07-06T13:30:00Z, over the observed Independence Day 2027",
            "2027-12-23, 2027-12-27, 2027-12-27T14:30:00Z, over the observed Christmas 2027",
    })
    void theNextSessionOpensAtNineThirtyNewYorkTime(LocalDate day, LocalDate next, Instant open, String why) {
        assertEquals(day, xnys.previousTradingDay(next), why + ": no session in between");
        assertEquals(open, xnys.session(next).orElseThrow().open(), why);
    }

    @Test
    void theLastSessionAfterAnEarlyCloseCarriesItsEarlyCloseTime() {
        Session last = xnys.lastSession(Instant.parse("2026-11-28T15:00:00Z"));
        assertEquals(new Session(LocalDate.parse("2026-11-27"),
                Instant.parse("2026-11-27T14:30:00Z"), Instant.parse("2026-11-27T18:00:00Z")), last);
    }
}
