package dev.stockalerts.alert;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** An edit of the definition (PATCH /alerts/{id}) as the scheduled run applies it to the state before evaluating. */
class DefinitionChangeTest {

    @Test
    void aNewLevelForgetsTheSideOfTheOldOne() {
        AlertRun run = AlertRun.of(Condition.CROSSES_ABOVE, 100, RearmPolicy.rearm(0));
        run.quiet(90).side(Side.BELOW);
        // 90 is above the new level: without the reset, BELOW (of 100) then ABOVE (of 80) would read as a crossing.
        run.edited(Condition.CROSSES_ABOVE, 80, run.alert.rearm(), null)
                .quiet(90).side(Side.ABOVE)
                .quiet(79).side(Side.BELOW)
                .fires(81);
    }

    @Test
    void aNewLevelRearmsAnAlertThatFiredOnTheOldOne() {
        AlertRun run = AlertRun.of(Condition.ABOVE, 100, RearmPolicy.once());
        run.fires(101).armed(false).quiet(105);
        run.edited(Condition.ABOVE, 110, RearmPolicy.once(), null).quiet(105).armed(true).fires(111).armed(false).quiet(112);
    }

    @Test
    void aNewConditionRearmsToo() {
        AlertRun run = AlertRun.of(Condition.ABOVE, 100, RearmPolicy.once());
        run.fires(101).armed(false);
        run.edited(Condition.BELOW, 100, RearmPolicy.once(), null).quiet(101).armed(true).fires(99);
    }

    @Test
    void editingOnlyTheNoteTheChannelsOrThePolicyKeepsArmedAndSide() {
        AlertRun run = AlertRun.of(Condition.CROSSES_ABOVE, 100, RearmPolicy.once());
        run.quiet(90).fires(101).armed(false).side(Side.ABOVE);
        run.edited(Condition.CROSSES_ABOVE, 100, RearmPolicy.rearm(5), "watch the earnings").unchanged(102)
                .armed(false).side(Side.ABOVE);
        assertEquals(1, run.alert.triggerRevision());
        assertEquals(2, run.alert.revision());
    }

    @Test
    void firingHistoryAndACooldownSurviveANewLevel() {
        AlertRun run = AlertRun.of(Condition.ABOVE, 100, RearmPolicy.cooldown(Duration.ofHours(1)));
        run.fires(101);
        AlertState fired = run.state;
        run.edited(Condition.ABOVE, 105, run.alert.rearm(), null).quiet(106);
        assertEquals(fired.lastFiredAt(), run.state.lastFiredAt());
        assertEquals(1, run.state.fireCount());
        run.at(fired.lastFiredAt().plus(Duration.ofHours(1))).fires(106);
    }

    @Test
    void theChangeIsAppliedOnceAndStampsTheState() {
        Alert edited = AlertRun.alert(Condition.ABOVE, 100, RearmPolicy.once()).edited(Condition.ABOVE, 120, RearmPolicy.once(), List.of("webhook"), null, null);
        AlertState stale = new AlertState("a-1", false, Side.ABOVE, AlertRun.T0, 101.0, 1, 7);

        AlertState applied = AlertEvaluator.applyDefinitionChange(edited, stale);

        assertEquals(new AlertState("a-1", true, Side.UNKNOWN, AlertRun.T0, 101.0, 1, 7, 2), applied);
        assertSame(applied, AlertEvaluator.applyDefinitionChange(edited, applied), "idempotent");
    }

    @Test
    void aStateFromBeforeEditsExistedIsLeftAloneUntilTheFirstEdit() {
        Alert unedited = AlertRun.alert(Condition.CROSSES_BELOW, 100, RearmPolicy.once());
        AlertState legacy = new AlertState("a-1", false, Side.BELOW, AlertRun.T0, 99.0, 1, 4);
        assertSame(legacy, AlertEvaluator.applyDefinitionChange(unedited, legacy), "no write for every alert on deploy");
        AlertState initial = AlertState.initial("a-1");
        assertSame(initial, AlertEvaluator.applyDefinitionChange(unedited, initial));
    }

    @Test
    void aStaleDefinitionSeenByAnOlderContainerChangesNothing() {
        Alert original = AlertRun.alert(Condition.ABOVE, 100, RearmPolicy.once());
        Alert twice = original.edited(Condition.ABOVE, 110, RearmPolicy.once(), null, null, null)
                .edited(Condition.ABOVE, 120, RearmPolicy.once(), null, null, null);
        AlertState current = AlertEvaluator.applyDefinitionChange(twice, AlertState.initial("a-1").withArmed(false));
        assertEquals(3, current.triggerRevision());
        Alert stale = original.edited(Condition.ABOVE, 110, RearmPolicy.once(), null, null, null);
        assertSame(current, AlertEvaluator.applyDefinitionChange(stale, current));
    }

    @Test
    void anEditThatChangesNothingIsNoEdit() {
        Alert alert = AlertRun.alert(Condition.ABOVE, 100, RearmPolicy.rearm(2));
        assertSame(alert, alert.edited(Condition.ABOVE, 100.0, RearmPolicy.rearm(2), AlertRun.CHANNELS, "  ", null));
    }
}
