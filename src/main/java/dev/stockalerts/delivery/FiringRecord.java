package dev.stockalerts.delivery;

import dev.stockalerts.alert.Firing;

import java.util.List;
import java.util.Objects;

/** A firing as its trigger history keeps it: when, at what price, what crossed, and each channel's outcome. */
public record FiringRecord(Firing firing, List<ChannelOutcome> channels) {
    public FiringRecord {
        Objects.requireNonNull(firing, "firing");
        channels = List.copyOf(channels);
    }

    public String alertId() {
        return firing.alertId();
    }
}
