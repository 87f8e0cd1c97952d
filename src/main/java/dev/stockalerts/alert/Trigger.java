package dev.stockalerts.alert;

/** What crossed an alert's level: the last price, or the day's high or low reached between two checks. */
public enum Trigger {
    LAST_PRICE,
    DAY_HIGH,
    DAY_LOW
}
