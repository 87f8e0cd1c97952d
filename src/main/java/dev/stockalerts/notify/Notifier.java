package dev.stockalerts.notify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Sends a notification to the channels an alert names and reports per channel; never throws for a channel. */
public final class Notifier {
    private final Map<String, NotificationChannel> channels;

    public Notifier(Collection<? extends NotificationChannel> channels) {
        Map<String, NotificationChannel> byName = new LinkedHashMap<>();
        for (NotificationChannel c : channels) {
            if (byName.putIfAbsent(c.name(), c) != null) {
                throw new IllegalArgumentException("two channels named " + c.name());
            }
        }
        this.channels = Map.copyOf(byName);
    }

    public Set<String> channelNames() {
        return channels.keySet();
    }

    public DeliveryReport deliver(Notification n, List<String> channelNames) {
        List<String> delivered = new ArrayList<>();
        List<DeliveryReport.Failure> failed = new ArrayList<>();
        // Dedupe so a channel listed twice is not sent twice.
        for (String name : new LinkedHashSet<>(channelNames == null ? List.of() : channelNames)) {
            NotificationChannel channel = name == null ? null : channels.get(name);
            if (channel == null) {
                failed.add(new DeliveryReport.Failure(String.valueOf(name), false,
                        "channel '" + name + "' is not configured (configured: " + channels.keySet() + ")"));
                continue;
            }
            try {
                channel.send(n);
                delivered.add(name);
            } catch (DeliveryException e) {
                failed.add(new DeliveryReport.Failure(name, e.retryable(), e.getMessage()));
            } catch (RuntimeException e) {
                // A bug or an unexpected SDK error: keep it pending rather than lose the notice.
                failed.add(new DeliveryReport.Failure(name, true, name + ": unexpected " + e));
            }
        }
        return new DeliveryReport(delivered, failed);
    }
}
