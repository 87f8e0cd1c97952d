package dev.stockalerts.alert;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drives one alert through a sequence of prices, carrying its state from step to step, so a test reads as a table
 * of transitions. Each step happens one minute after the previous unless {@link #at} says otherwise.
 */
final class AlertRun {
    static final Instant T0 = Instant.parse("2025-03-03T14:30:00Z");
    static final List<String> CHANNELS = List.of("webhook", "email");

    Alert alert;
    private final Double previousClose;
    AlertState state;
    Instant now = T0;
    private int step;

    private AlertRun(Alert alert, Double previousClose, AlertState state) {
        this.alert = alert;
        this.previousClose = previousClose;
        this.state = state;
    }

    static Alert alert(Condition condition, double level, RearmPolicy policy) {
        return new Alert("a-1", "AAPL", condition, level, policy, CHANNELS, T0.minusSeconds(3600));
    }

    /** Quotes carry no previous close. */
    static AlertRun of(Condition condition, double level, RearmPolicy policy) {
        return new AlertRun(alert(condition, level, policy), null, AlertState.initial("a-1"));
    }

    /** PERCENT_CHANGE against a previous close of 100, so a price of 105 is +5%. */
    static AlertRun percent(double level, RearmPolicy policy) {
        return new AlertRun(alert(Condition.PERCENT_CHANGE, level, policy), 100.0, AlertState.initial("a-1"));
    }

    static Observation quote(double price, Double previousClose) {
        return Observation.of(price, previousClose);
    }

    AlertRun at(Instant instant) {
        now = instant;
        return this;
    }

    AlertRun fires(double price) {
        assertTrue(eval(price).fired(), () -> describe(price) + " should fire");
        return this;
    }

    AlertRun quiet(double price) {
        assertFalse(eval(price).fired(), () -> describe(price) + " should not fire");
        return this;
    }

    /** Not fired and the state equal to the input, i.e. not dirty. */
    AlertRun unchanged(double price) {
        AlertState before = state;
        assertFalse(eval(price).fired(), () -> describe(price) + " should not fire");
        assertEquals(before, state, () -> describe(price) + " should leave the state as it was");
        return this;
    }

    /**
     * The definition edited through the API: from the next step on the run sees the new definition, and (as the
     * scheduled run must) applies {@link AlertEvaluator#applyDefinitionChange} before evaluating it.
     */
    AlertRun edited(Condition condition, double level, RearmPolicy rearm, String note) {
        alert = alert.edited(condition, level, rearm, alert.channels(), note, null);
        return this;
    }

    AlertRun armed(boolean expected) {
        assertEquals(expected, state.armed(), () -> "armed after step " + step);
        return this;
    }

    AlertRun side(Side expected) {
        assertEquals(expected, state.side(), () -> "side after step " + step);
        return this;
    }

    /** The day's range since the previous step, for the next step only. */
    private Observation.Excursion excursion;

    /** The next step sees the day's high go from {@code highBefore} to {@code highNow}, and the low likewise, since the step before. */
    AlertRun range(double highBefore, double highNow, double lowBefore, double lowNow) {
        excursion = new Observation.Excursion(now.minusSeconds(60), highBefore, highNow, lowBefore, lowNow);
        return this;
    }

    /** Fires on a touch of the day's high or low, at {@code touched}, while the last price is {@code price}. */
    AlertRun touches(double price, double touched, Trigger trigger) {
        Evaluation e = eval(price);
        assertTrue(e.fired(), () -> describe(price) + " should fire on the touch of " + touched);
        assertEquals(touched, e.firing().price());
        assertEquals(trigger, e.firing().trigger());
        return this;
    }

    Evaluation eval(double price) {
        step++;
        state = AlertEvaluator.applyDefinitionChange(alert, state);
        Evaluation e = AlertEvaluator.evaluate(alert, state, new Observation(price, previousClose, excursion), now);
        excursion = null;
        assertEquals(state.version(), e.next().version(), "version must be preserved");
        state = e.next();
        now = now.plusSeconds(60);
        return e;
    }

    private String describe(double price) {
        return "step " + step + " (" + alert.condition() + " " + alert.level() + ", " + alert.rearm().kind()
                + ") at price " + price;
    }
}
