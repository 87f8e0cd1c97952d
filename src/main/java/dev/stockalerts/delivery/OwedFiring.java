package dev.stockalerts.delivery;

import dev.stockalerts.alert.Firing;

import java.util.List;
import java.util.Objects;

/** A firing and the channels it still owes. */
public record OwedFiring(Firing firing, List<OwedChannel> channels) {
    public OwedFiring {
        Objects.requireNonNull(firing, "firing");
        channels = List.copyOf(channels);
    }

    public static OwedFiring of(Firing firing, List<String> channelNames) {
        return new OwedFiring(firing, channelNames.stream().distinct().map(c -> new OwedChannel(c, 0)).toList());
    }

    public String alertId() {
        return firing.alertId();
    }

    public OwedFiring withChannels(List<OwedChannel> value) {
        return new OwedFiring(firing, value);
    }
}
