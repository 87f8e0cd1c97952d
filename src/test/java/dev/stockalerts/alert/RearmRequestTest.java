package dev.stockalerts.alert;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A re-arm request recorded on the definition, as the scheduled function applies it before evaluation. */
class RearmRequestTest {
    private static final Instant FIRED = AlertRun.T0;

    private static Alert requested(Instant at, RearmPolicy policy) {
        Alert a = AlertRun.alert(Condition.CROSSES_ABOVE, 100, policy);
        return new Alert(a.id(), a.symbol(), a.condition(), a.level(), a.rearm(), a.channels(), a.createdAt(), at);
    }

    private static AlertState firedAndDisarmed() {
        return new AlertState("a-1", false, Side.ABOVE, FIRED, 101.0, 1, 3);
    }

    @Test
    void aRequestAfterTheLastFiringRearmsAndForgetsTheSide() {
        AlertState next = AlertEvaluator.applyRearmRequest(requested(FIRED.plusSeconds(60), RearmPolicy.once()), firedAndDisarmed());
        assertTrue(next.armed());
        assertEquals(Side.UNKNOWN, next.side());
        assertEquals(3, next.version(), "the version stays: the cache decides what to write");
        assertEquals(1, next.fireCount());
    }

    @Test
    void aRequestFromBeforeTheLastFiringWasAlreadyUsed() {
        AlertState state = firedAndDisarmed();
        assertSame(state, AlertEvaluator.applyRearmRequest(requested(FIRED.minusSeconds(60), RearmPolicy.once()), state));
        assertSame(state, AlertEvaluator.applyRearmRequest(requested(FIRED, RearmPolicy.once()), state));
    }

    @Test
    void noRequestOrAnArmedAlertIsLeftAlone() {
        AlertState disarmed = firedAndDisarmed();
        assertSame(disarmed, AlertEvaluator.applyRearmRequest(AlertRun.alert(Condition.ABOVE, 100, RearmPolicy.once()), disarmed));
        AlertState armed = new AlertState("a-1", true, Side.ABOVE, FIRED, 101.0, 1, 3);
        assertSame(armed, AlertEvaluator.applyRearmRequest(requested(FIRED.plusSeconds(60), RearmPolicy.rearm(1)), armed));
        AlertState cooling = new AlertState("a-1", true, Side.ABOVE, FIRED, 101.0, 1, 3);
        assertSame(cooling, AlertEvaluator.applyRearmRequest(
                requested(FIRED.plusSeconds(60), RearmPolicy.cooldown(Duration.ofHours(1))), cooling));
    }

    @Test
    void aDisarmedAlertThatNeverFiredIsRearmedByAnyRequest() {
        AlertState state = new AlertState("a-1", false, Side.BELOW, null, null, 0, 1);
        assertTrue(AlertEvaluator.applyRearmRequest(requested(FIRED, RearmPolicy.once()), state).armed());
    }

    @Test
    void theRequestIsSpentOnceTheAlertFiresAgain() {
        AlertRun run = AlertRun.of(Condition.ABOVE, 100, RearmPolicy.once());
        run.fires(101).armed(false);
        Alert withRequest = new Alert("a-1", "AAPL", Condition.ABOVE, 100, RearmPolicy.once(), AlertRun.CHANNELS,
                AlertRun.T0.minusSeconds(3600), run.now);
        run.state = AlertEvaluator.applyRearmRequest(withRequest, run.state);
        run.armed(true).fires(102).armed(false);
        run.state = AlertEvaluator.applyRearmRequest(withRequest, run.state);
        run.armed(false).quiet(103);
    }
}
