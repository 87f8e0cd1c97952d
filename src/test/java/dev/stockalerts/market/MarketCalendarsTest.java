package dev.stockalerts.market;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Looking a calendar up by id, as MARKET_CALENDAR and an alert's override will. */
class MarketCalendarsTest {

    @ParameterizedTest(name = "''{0}'' is {1}")
    @CsvSource({"XNYS, XNYS", "xnys, XNYS", "' Xnys ', XNYS", "ALWAYS, ALWAYS", "always, ALWAYS"})
    void findsACalendarByIdIgnoringCaseAndSurroundingBlanks(String given, String id) {
        assertEquals(id, MarketCalendars.of(given).id());
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(strings = {"NASDAQ", "XNAS", "XNYS2", "24/7"})
    void refusesAnUnknownIdNamingItAndTheValidOnes(String given) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MarketCalendars.of(given));
        assertEquals("unknown market calendar '" + given + "'; valid: ALWAYS, XNYS", e.getMessage());
    }

    @Test
    void refusesAMissingIdNamingTheValidOnes() {
        for (String missing : new String[] {null, "", "   "}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MarketCalendars.of(missing));
            assertEquals("market calendar is missing; valid: ALWAYS, XNYS", e.getMessage());
        }
    }

    @Test
    void theDefaultIsTheNyseCalendarWithItsHolidays() {
        MarketCalendar calendar = MarketCalendars.of(MarketCalendars.DEFAULT_ID);
        assertEquals("XNYS", calendar.id());
        assertTrue(calendar.session(LocalDate.parse("2026-04-03")).isEmpty());
        assertEquals(List.of("ALWAYS", "XNYS"), List.copyOf(MarketCalendars.ids()));
        assertTrue(MarketCalendars.of("ALWAYS").isOpen(Instant.parse("2026-04-03T15:00:00Z")));
    }
}
