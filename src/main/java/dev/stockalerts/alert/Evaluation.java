package dev.stockalerts.alert;

/** The outcome of evaluating one alert against one quote: its next state, and whether it fired. */
public record Evaluation(AlertState next, boolean fired) {}
