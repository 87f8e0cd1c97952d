package dev.stockalerts.alert;

/** What an alert watches for. For PERCENT_CHANGE the level is a signed percentage versus the previous close. */
public enum Condition {
    ABOVE,
    BELOW,
    CROSSES_ABOVE,
    CROSSES_BELOW,
    PERCENT_CHANGE
}
