package dev.stockalerts.alert;

import org.junit.jupiter.api.Test;

import java.time.Duration;

/** CROSSES_ABOVE / CROSSES_BELOW: fire on a change of side, never on the first observation. */
class AlertEvaluatorCrossingTest {

    @Test
    void crossesAboveFiresOnlyWhenGoingFromBelowToAbove() {
        AlertRun.of(Condition.CROSSES_ABOVE, 100, RearmPolicy.rearm(0))
                .quiet(101).side(Side.ABOVE).armed(true)   // first observation only records the side
                .unchanged(102)
                .quiet(99).side(Side.BELOW).armed(true)
                .unchanged(98)
                .fires(100).side(Side.ABOVE).armed(false)  // p == L counts as above
                .unchanged(105)                            // staying above: no second firing
                .quiet(99).side(Side.BELOW).armed(true)
                .fires(101).side(Side.ABOVE);
    }

    @Test
    void crossesBelowIsSymmetric() {
        AlertRun.of(Condition.CROSSES_BELOW, 100, RearmPolicy.rearm(0))
                .quiet(99).side(Side.BELOW)
                .unchanged(98)
                .quiet(100).side(Side.ABOVE)               // the level itself is the above side
                .fires(99.99).side(Side.BELOW).armed(false)
                .unchanged(90)
                .quiet(101).side(Side.ABOVE).armed(true)
                .fires(95);
    }

    @Test
    void onceRecordsTheSideWhileDisarmedButNeverFiresAgain() {
        AlertRun.of(Condition.CROSSES_ABOVE, 100, RearmPolicy.once())
                .quiet(99)
                .fires(101).armed(false)
                .quiet(99).side(Side.BELOW).armed(false)
                .quiet(101).side(Side.ABOVE).armed(false);
    }

    @Test
    void rearmHysteresisSuppressesSmallWiggles() {
        AlertRun.of(Condition.CROSSES_ABOVE, 100, RearmPolicy.rearm(5))
                .quiet(99)
                .fires(101).armed(false)
                .quiet(95.01).side(Side.BELOW).armed(false)  // below the level, inside the margin
                .quiet(101).side(Side.ABOVE)                 // a crossing, but disarmed
                .quiet(95).side(Side.BELOW).armed(true)
                .fires(100);
    }

    @Test
    void aRearmAlertFiresAgainOnlyAfterThePriceLeftByTheHysteresis() {
        AlertRun.of(Condition.CROSSES_BELOW, 100, RearmPolicy.rearm(5))
                .quiet(101)
                .fires(99).armed(false)
                .quiet(104.99).side(Side.ABOVE).armed(false)
                .quiet(99).side(Side.BELOW)
                .quiet(105).side(Side.ABOVE).armed(true)
                .fires(99);
    }

    @Test
    void cooldownFiresOnCrossingsOutsideThePeriod() {
        Duration d = Duration.ofMinutes(10);
        AlertRun.of(Condition.CROSSES_ABOVE, 100, RearmPolicy.cooldown(d))
                .at(AlertRun.T0).quiet(99)
                .fires(101)                                  // at T0 + 1 min
                .quiet(99)
                .quiet(101)                                  // crossing within the cooldown
                .quiet(99)
                .at(AlertRun.T0.plusSeconds(60).plus(d)).fires(101);
    }
}
