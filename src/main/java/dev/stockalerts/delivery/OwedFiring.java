package dev.stockalerts.delivery;

import dev.stockalerts.alert.Firing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A firing, the channels it still owes, and the channels already settled (delivered or given up), which
 * its history shows once the owed ones are settled too.
 */
public record OwedFiring(Firing firing, List<OwedChannel> channels, List<ChannelOutcome> settled) {
    public OwedFiring {
        Objects.requireNonNull(firing, "firing");
        channels = List.copyOf(channels);
        settled = settled == null ? List.of() : List.copyOf(settled);
    }

    public OwedFiring(Firing firing, List<OwedChannel> channels) {
        this(firing, channels, List.of());
    }

    public static OwedFiring of(Firing firing, List<String> channelNames) {
        return new OwedFiring(firing, channelNames.stream().distinct().map(c -> new OwedChannel(c, 0)).toList());
    }

    public String alertId() {
        return firing.alertId();
    }

    public OwedFiring withChannels(List<OwedChannel> value) {
        return new OwedFiring(firing, value, settled);
    }

    /** The same firing with more channels settled, and {@code owed} left. */
    public OwedFiring settling(List<OwedChannel> owed, List<ChannelOutcome> more) {
        List<ChannelOutcome> all = new ArrayList<>(settled);
        all.addAll(more);
        return new OwedFiring(firing, owed, all);
    }

    /** Its history record now: the settled channels, and the owed ones as retrying. */
    public FiringRecord record() {
        List<ChannelOutcome> outcomes = new ArrayList<>(settled);
        channels.forEach(c -> outcomes.add(new ChannelOutcome(c.name(), ChannelOutcome.Status.RETRYING, null)));
        return new FiringRecord(firing, outcomes);
    }
}
