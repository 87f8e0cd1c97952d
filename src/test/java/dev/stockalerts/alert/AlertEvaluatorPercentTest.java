package dev.stockalerts.alert;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

/** PERCENT_CHANGE versus the previous close (100 here, so price 105 is +5%). */
class AlertEvaluatorPercentTest {

    @ParameterizedTest(name = "level {0}% at price {1} fires: {2}")
    @CsvSource({
            " 5, 104.99, false",
            " 5, 105,    true",
            " 5, 110,    true",
            " 5, 90,     false",
            "-5, 95.01,  false",
            "-5, 95,     true",
            "-5, 90,     true",
            "-5, 110,    false",
    })
    void upAndDownByAtLeastTheLevel(double level, double price, boolean fires) {
        AlertRun run = AlertRun.percent(level, RearmPolicy.once());
        if (fires) run.fires(price).armed(false).side(Side.UNKNOWN);
        else run.unchanged(price);
    }

    @Test
    void unknownPreviousCloseIsNotEvaluable() {
        for (RearmPolicy policy : new RearmPolicy[] {
                RearmPolicy.once(), RearmPolicy.rearm(1), RearmPolicy.cooldown(Duration.ofMinutes(1))}) {
            Alert alert = AlertRun.alert(Condition.PERCENT_CHANGE, 5, policy);
            AlertState disarmed = AlertState.initial("a-1").withArmed(false).withVersion(3);
            for (AlertState state : new AlertState[] {AlertState.initial("a-1"), disarmed}) {
                Evaluation e = AlertEvaluator.evaluate(alert, state, AlertRun.quote(500, null), AlertRun.T0);
                assertFalse(e.fired());
                assertSame(state, e.next());
            }
        }
    }

    @Test
    void zeroPreviousCloseIsNotEvaluable() {
        Alert alert = AlertRun.alert(Condition.PERCENT_CHANGE, -5, RearmPolicy.once());
        AlertState state = AlertState.initial("a-1");
        Evaluation e = AlertEvaluator.evaluate(alert, state, AlertRun.quote(1, 0.0), AlertRun.T0);
        assertFalse(e.fired());
        assertSame(state, e.next());
    }

    @Test
    void rearmUpUsesPercentagePoints() {
        AlertRun.percent(5, RearmPolicy.rearm(2))
                .fires(106).armed(false)
                .unchanged(103.01)           // +3.01%: inside the margin
                .unchanged(105)
                .quiet(103).armed(true)      // +3% = L - h
                .fires(105);
    }

    @Test
    void rearmDownUsesPercentagePoints() {
        AlertRun.percent(-5, RearmPolicy.rearm(2))
                .fires(94).armed(false)
                .unchanged(96.99)            // -3.01%: inside the margin
                .unchanged(95)
                .quiet(97).armed(true)       // -3% = L + h
                .fires(95);
    }

    @Test
    void aCooldownAlertFiresAgainOnlyOnceTheCooldownHasPassed() {
        Duration d = Duration.ofHours(1);
        AlertRun.percent(-5, RearmPolicy.cooldown(d))
                .at(AlertRun.T0).fires(90)
                .at(AlertRun.T0.plus(d).minusSeconds(1)).unchanged(90)
                .at(AlertRun.T0.plus(d)).fires(90);
    }
}
