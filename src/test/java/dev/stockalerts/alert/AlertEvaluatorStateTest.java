package dev.stockalerts.alert;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the evaluator does to the state beyond fired / not fired: dirtiness, version, firing record, manual re-arm. */
class AlertEvaluatorStateTest {

    private static final Instant LATER = AlertRun.T0.plusSeconds(7200);

    /** A stored state with history, as the cache would hand it over. */
    private static AlertState stored(boolean armed, Side side) {
        return new AlertState("a-1", armed, side, AlertRun.T0, 123.0, 4, 17);
    }

    @ParameterizedTest
    @EnumSource(RearmPolicy.Kind.class)
    void priceMovesWithoutEffectLeaveTheStateEqual(RearmPolicy.Kind kind) {
        RearmPolicy policy = switch (kind) {
            case ONCE -> RearmPolicy.once();
            case REARM -> RearmPolicy.rearm(5);
            case COOLDOWN -> RearmPolicy.cooldown(Duration.ofMinutes(5));
        };
        assertUnchanged(Condition.ABOVE, policy, stored(true, Side.UNKNOWN), 99);
        assertUnchanged(Condition.BELOW, policy, stored(true, Side.UNKNOWN), 101);
        assertUnchanged(Condition.CROSSES_ABOVE, policy, stored(true, Side.ABOVE), 101);
        assertUnchanged(Condition.CROSSES_BELOW, policy, stored(true, Side.BELOW), 99);
        if (kind != RearmPolicy.Kind.COOLDOWN) {
            // disarmed and triggered, or disarmed and not yet back past the margin
            assertUnchanged(Condition.ABOVE, policy, stored(false, Side.UNKNOWN), 150);
            assertUnchanged(Condition.ABOVE, policy, stored(false, Side.UNKNOWN), 99);
            assertUnchanged(Condition.CROSSES_ABOVE, policy, stored(false, Side.BELOW), 99);
        }
    }

    private static void assertUnchanged(Condition condition, RearmPolicy policy, AlertState state, double price) {
        Alert alert = AlertRun.alert(condition, 100, policy);
        Evaluation e = AlertEvaluator.evaluate(alert, state, AlertRun.quote(price, null), LATER);
        assertFalse(e.fired(), condition + " " + policy.kind());
        assertEquals(state, e.next(), condition + " " + policy.kind());
        assertTrue(state.sameContentAs(e.next()));
    }

    @Test
    void firedStateCarriesPriceTimeAndCountAndKeepsTheVersion() {
        Alert alert = AlertRun.alert(Condition.ABOVE, 100, RearmPolicy.rearm(1));
        Evaluation e = AlertEvaluator.evaluate(alert, stored(true, Side.UNKNOWN), AlertRun.quote(101.25, 100.0), LATER);
        assertTrue(e.fired());
        AlertState next = e.next();
        assertEquals(new AlertState("a-1", false, Side.UNKNOWN, LATER, 101.25, 5, 17), next);
        assertEquals(new Firing("a-1", 5, LATER, 101.25), e.firing(), "the firing says what its notification tells");
    }

    @Test
    void firstFiringFromTheInitialState() {
        Alert alert = AlertRun.alert(Condition.BELOW, 100, RearmPolicy.cooldown(Duration.ofMinutes(1)));
        AlertState next = AlertEvaluator.evaluate(alert, AlertState.initial("a-1"), AlertRun.quote(99, null), LATER).next();
        assertEquals(new AlertState("a-1", true, Side.UNKNOWN, LATER, 99.0, 1, 0), next);
    }

    @Test
    void crossingFiringRecordsTheNewSide() {
        Alert alert = AlertRun.alert(Condition.CROSSES_BELOW, 100, RearmPolicy.once());
        AlertState next = AlertEvaluator.evaluate(alert, stored(true, Side.ABOVE), AlertRun.quote(99, null), LATER).next();
        assertEquals(new AlertState("a-1", false, Side.BELOW, LATER, 99.0, 5, 17), next);
    }

    @Test
    void sideChangeAloneKeepsEverythingElse() {
        Alert alert = AlertRun.alert(Condition.CROSSES_ABOVE, 100, RearmPolicy.once());
        AlertState state = stored(false, Side.ABOVE);
        AlertState next = AlertEvaluator.evaluate(alert, state, AlertRun.quote(99, null), LATER).next();
        assertEquals(state.withSide(Side.BELOW), next);
    }

    @Test
    void rearmManuallyArmsAndForgetsTheSide() {
        AlertState state = stored(false, Side.ABOVE);
        assertEquals(new AlertState("a-1", true, Side.UNKNOWN, AlertRun.T0, 123.0, 4, 17),
                AlertEvaluator.rearmManually(state));
        AlertState levelAlert = stored(false, Side.UNKNOWN);
        assertEquals(levelAlert.withArmed(true), AlertEvaluator.rearmManually(levelAlert));
        AlertState alreadyArmed = stored(true, Side.UNKNOWN);
        assertEquals(alreadyArmed, AlertEvaluator.rearmManually(alreadyArmed));
    }

    @Test
    void manuallyRearmedCrossingAlertWaitsForARealCrossing() {
        AlertRun run = AlertRun.of(Condition.CROSSES_ABOVE, 100, RearmPolicy.once())
                .quiet(99).fires(101).quiet(99).armed(false);
        run.state = AlertEvaluator.rearmManually(run.state);
        run.quiet(101).side(Side.ABOVE).armed(true)   // was below, but that is forgotten
                .quiet(99)
                .fires(101);
    }

    @Test
    void cooldownNeverFiredBeforeFiresAtAnyTime() {
        AlertRun run = AlertRun.of(Condition.ABOVE, 100, RearmPolicy.cooldown(Duration.ofDays(3650)));
        assertNull(run.state.lastFiredAt());
        run.at(Instant.EPOCH).fires(101).unchanged(101);
    }

    @Test
    void rejectsAStateOfAnotherAlert() {
        Alert alert = AlertRun.alert(Condition.ABOVE, 100, RearmPolicy.once());
        assertThrows(IllegalArgumentException.class, () ->
                AlertEvaluator.evaluate(alert, AlertState.initial("other"), AlertRun.quote(101, null), LATER));
    }
}
