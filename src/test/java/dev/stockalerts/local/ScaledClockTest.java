package dev.stockalerts.local;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ScaledClockTest {
    private static final Instant T0 = Instant.parse("2026-11-23T14:00:00Z");
    private final SimulatedClock real = new SimulatedClock(T0);

    @Test
    void oneRealSecondAtSpeedSixtyIsOneMinute() {
        ScaledClock clock = new ScaledClock(real, 60);
        assertEquals(T0, clock.instant(), "starts at the base clock's now");
        real.advance(Duration.ofSeconds(1));
        assertEquals(T0.plus(Duration.ofMinutes(1)), clock.instant());
        real.advance(Duration.ofMillis(500));
        assertEquals(T0.plus(Duration.ofSeconds(90)), clock.instant());
    }

    @Test
    void fiveServiceMinutesTakeThreeHundredOverNRealSeconds() {
        ScaledClock clock = new ScaledClock(real, 300);
        assertEquals(Duration.ofSeconds(1), clock.realTime(Duration.ofMinutes(5)));
        real.advance(Duration.ofSeconds(1));
        assertEquals(T0.plus(Duration.ofMinutes(5)), clock.instant());
    }

    @Test
    void speedOneIsTheBaseClock() {
        ScaledClock clock = new ScaledClock(real, 1);
        real.advance(Duration.ofSeconds(42));
        assertEquals(real.instant(), clock.instant());
    }

    @Test
    void speedBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ScaledClock(real, 0));
    }
}
