package dev.stockalerts.alert;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** Spikes between checks: the day's high or low went through the level and came back before the next check. */
class AlertEvaluatorSpikeTest {

    @Test
    void aboveFiresWhenTheDaysHighRoseThroughTheLevelEvenIfThePriceIsBackBelow() {
        AlertRun.of(Condition.ABOVE, 200, RearmPolicy.once())
                .quiet(198)
                .range(199, 201.5, 195, 195).touches(198, 201.5, Trigger.DAY_HIGH)
                .armed(false);
    }

    @Test
    void belowFiresWhenTheDaysLowFellThroughTheLevel() {
        AlertRun.of(Condition.BELOW, 100, RearmPolicy.rearm(1))
                .quiet(102)
                .range(105, 105, 101, 99.5).touches(102, 99.5, Trigger.DAY_LOW);
    }

    @Test
    void aHighThatWasAlreadyAboveTheLevelAtTheLastCheckIsNoNewTouch() {
        AlertRun.of(Condition.ABOVE, 200, RearmPolicy.once())
                .range(201, 203, 195, 195).quiet(199);
    }

    @Test
    void theLastPriceWinsOverATouchAndIsWhatTheFiringReports() {
        AlertRun run = AlertRun.of(Condition.ABOVE, 200, RearmPolicy.once()).range(199, 205, 195, 195);
        Evaluation e = run.eval(202);
        org.junit.jupiter.api.Assertions.assertEquals(Trigger.LAST_PRICE, e.firing().trigger());
        org.junit.jupiter.api.Assertions.assertEquals(202.0, e.firing().price());
    }

    @Test
    void crossesAboveFiresOnATouchFromBelowAndKeepsTheSideTheLastPriceIsOn() {
        AlertRun.of(Condition.CROSSES_ABOVE, 200, RearmPolicy.rearm(0))
                .quiet(198).side(Side.BELOW)
                .range(199, 200.5, 190, 190).touches(198, 200.5, Trigger.DAY_HIGH).side(Side.BELOW);
    }

    @Test
    void aCrossingAlertsFirstObservationNeverFiresOnATouch() {
        AlertRun.of(Condition.CROSSES_BELOW, 100, RearmPolicy.once())
                .range(105, 105, 101, 99).quiet(102).side(Side.ABOVE) // first sight: records the side only
                .range(105, 105, 99, 98).quiet(103);                    // the low was below already: no new touch
    }

    @Test
    void aHighReachedBeforeTheAlertExistedNeverFiresIt() {
        AlertRun run = AlertRun.of(Condition.ABOVE, 200, RearmPolicy.once());
        run.at(run.alert.createdAt().minusSeconds(30)); // the last check came before the alert was created
        run.range(199, 201, 195, 195);
        assertFalse(run.eval(198).fired());
    }

    @Test
    void percentChangeAlertsDoNotWatchTheRange() {
        AlertRun.percent(5, RearmPolicy.once()).range(100, 120, 90, 90).quiet(101);
    }

    @Test
    void aCooldownAlertFiresOnATouchOncePerPeriod() {
        AlertRun.of(Condition.ABOVE, 200, RearmPolicy.cooldown(Duration.ofHours(1)))
                .range(199, 201, 195, 195).touches(198, 201, Trigger.DAY_HIGH)
                .range(199, 202, 195, 195).quiet(198);
    }
}
