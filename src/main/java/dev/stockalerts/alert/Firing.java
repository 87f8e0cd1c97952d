package dev.stockalerts.alert;

import java.time.Instant;
import java.util.Objects;

/**
 * One firing of an alert: what its notification says. It carries its own price and time, so a
 * delivery still owed after the alert fired again (or changed) tells what happened then.
 *
 * @param fireCount the alert's fire count after this firing: ties deliveries to this firing, not a later one
 * @param price     the price that crossed the level: the last price, or the day's high or low ({@code trigger})
 */
public record Firing(String alertId, int fireCount, Instant firedAt, double price, Trigger trigger) {
    public Firing {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(firedAt, "firedAt");
        trigger = trigger == null ? Trigger.LAST_PRICE : trigger;
    }

    /** A firing on the last price. */
    public Firing(String alertId, int fireCount, Instant firedAt, double price) {
        this(alertId, fireCount, firedAt, price, Trigger.LAST_PRICE);
    }
}
