package dev.stockalerts.alert;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static dev.stockalerts.alert.AlertRun.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** ABOVE / BELOW under each rearm policy. */
class AlertEvaluatorLevelTest {

    @ParameterizedTest(name = "{0} {1} at {2} fires: {3}")
    @CsvSource({
            "ABOVE, 100, 99.99,  false",
            "ABOVE, 100, 100,    true",
            "ABOVE, 100, 100.01, true",
            "BELOW, 100, 100.01, false",
            "BELOW, 100, 100,    true",
            "BELOW, 100, 99.99,  true",
    })
    void triggersAtOrPastTheLevel(Condition condition, double level, double price, boolean fires) {
        for (RearmPolicy policy : new RearmPolicy[] {
                RearmPolicy.once(), RearmPolicy.rearm(1), RearmPolicy.cooldown(Duration.ofHours(1))}) {
            AlertRun run = AlertRun.of(condition, level, policy);
            assertEquals(fires, run.eval(price).fired(), policy.kind().name());
        }
    }

    @Test
    void onceFiresOnceThenStaysQuietWhateverThePriceDoes() {
        AlertRun.of(Condition.ABOVE, 100, RearmPolicy.once())
                .unchanged(99)
                .fires(101).armed(false)
                .unchanged(102)
                .unchanged(90)
                .unchanged(110)
                .armed(false);
    }

    @Test
    void rearmAboveNeedsThePriceBackBelowLevelMinusHysteresis() {
        AlertRun.of(Condition.ABOVE, 100, RearmPolicy.rearm(2))
                .fires(100.5).armed(false)
                .unchanged(101)
                .unchanged(98.01)           // just inside the margin
                .unchanged(101)             // so this is no new firing
                .quiet(98).armed(true)      // onto L - h re-arms, without firing
                .unchanged(99)
                .fires(100).armed(false)
                .quiet(97.99).armed(true)   // just past the margin
                .fires(103);
    }

    @Test
    void rearmBelowNeedsThePriceBackAboveLevelPlusHysteresis() {
        AlertRun.of(Condition.BELOW, 50, RearmPolicy.rearm(2.5))
                .fires(49).armed(false)
                .unchanged(52.49)
                .unchanged(48)
                .quiet(52.5).armed(true)
                .fires(50).armed(false)
                .quiet(52.51).armed(true)
                .fires(45);
    }

    @Test
    void rearmWithZeroHysteresisReArmsOnTheOtherSideOrOnTheLevel() {
        AlertRun.of(Condition.ABOVE, 100, RearmPolicy.rearm(0))
                .fires(101)
                .unchanged(100.01)
                .quiet(99.99).armed(true)
                .fires(100).armed(false)
                .quiet(100).armed(true)     // onto the level counts as back
                .fires(100);
    }

    @Test
    void cooldownIsQuietWithinThePeriodAndFiresAgainAtExactlyItsEnd() {
        Duration d = Duration.ofMinutes(30);
        AlertRun.of(Condition.ABOVE, 100, RearmPolicy.cooldown(d))
                .at(T0).fires(101).armed(true)
                .unchanged(102)
                .at(T0.plus(d).minusSeconds(1)).unchanged(103)
                .at(T0.plus(d)).fires(104).armed(true)
                .unchanged(99)              // not triggered, cooldown over or not
                .at(T0.plus(d).plus(d)).fires(100);
    }

    @Test
    void cooldownAfterTheQuietPeriodNeedsTheConditionAgain() {
        Duration d = Duration.ofMinutes(5);
        AlertRun.of(Condition.BELOW, 100, RearmPolicy.cooldown(d))
                .at(T0).fires(99)
                .at(T0.plus(d)).unchanged(100.5)
                .fires(99.5);
    }

    @Test
    void cooldownIgnoresAndKeepsArmed() {
        AlertRun run = AlertRun.of(Condition.ABOVE, 100, RearmPolicy.cooldown(Duration.ofMinutes(5)));
        run.state = run.state.withArmed(false);
        run.fires(101).armed(false);
    }
}
