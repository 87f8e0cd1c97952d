package dev.stockalerts.alert;

/** The outcome of evaluating one alert against one quote: its next state, and the firing if it fired (else null). */
public record Evaluation(AlertState next, Firing firing) {
    public boolean fired() {
        return firing != null;
    }
}
