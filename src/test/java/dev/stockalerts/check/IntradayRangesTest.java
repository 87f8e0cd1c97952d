package dev.stockalerts.check;

import dev.stockalerts.alert.Observation;
import dev.stockalerts.quote.Quote;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class IntradayRangesTest {
    private static final Instant T0 = Instant.parse("2026-11-23T15:00:00Z");
    private static final LocalDate MONDAY = LocalDate.parse("2026-11-23");
    private final IntradayRanges ranges = new IntradayRanges();

    private static Quote quote(double price, Double high, Double low) {
        return new Quote("AAPL", price, 100.0, "USD", T0, "test", high, low, null);
    }

    @Test
    void theFirstSightOfASymbolHasNoExcursionTheNextHasTheRangeSinceThen() {
        assertNull(ranges.observe("AAPL", quote(101, 102.0, 99.0), MONDAY, T0).excursion());

        Observation next = ranges.observe("AAPL", quote(101, 104.0, 98.5), MONDAY, T0.plusSeconds(300));

        assertEquals(new Observation.Excursion(T0, 102, 104, 99, 98.5), next.excursion());
        assertEquals(101.0, next.price());
        assertEquals(100.0, next.previousClose());
    }

    @Test
    void aNewTradingDayStartsOver() {
        ranges.observe("AAPL", quote(101, 110.0, 90.0), MONDAY, T0);
        assertNull(ranges.observe("AAPL", quote(101, 102.0, 99.0), MONDAY.plusDays(1), T0.plusSeconds(86_400)).excursion(),
                "yesterday's range says nothing about today's");
    }

    @Test
    void aQuoteWithoutTheDaysRangeForgetsTheSymbol() {
        ranges.observe("AAPL", quote(101, 102.0, 99.0), MONDAY, T0);
        assertNull(ranges.observe("AAPL", quote(101, null, null), MONDAY, T0.plusSeconds(300)).excursion());
        assertNull(ranges.observe("AAPL", quote(101, 103.0, 99.0), MONDAY, T0.plusSeconds(600)).excursion(),
                "a gap in the range is no evidence of what happened in it");
    }
}
