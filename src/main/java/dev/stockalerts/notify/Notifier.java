package dev.stockalerts.notify;

import dev.stockalerts.delivery.Notification;
import dev.stockalerts.delivery.NotificationSender;
import dev.stockalerts.delivery.SendResult;
import dev.stockalerts.http.OutboundHttp;
import dev.stockalerts.time.Deadline;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The configured channels by name; one attempt per call, reported as a {@link SendResult}, never thrown. */
public final class Notifier implements NotificationSender {
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

    /**
     * The client the channels and admin notices share (connection reuse across warm invocations). It never follows a
     * redirect: a 3xx answer to a POST is a failed delivery, not a new target.
     */
    public static OutboundHttp http() {
        return new OutboundHttp("stock-alerts/1.0", false);
    }

    @Override
    public Set<String> channelNames() {
        return channels.keySet();
    }

    @Override
    public SendResult send(String name, Notification n, Deadline deadline) {
        NotificationChannel channel = name == null ? null : channels.get(name);
        if (channel == null) {
            return new SendResult(String.valueOf(name), SendResult.Outcome.REJECTED,
                    "channel '" + name + "' is not configured (configured: " + channels.keySet() + ")", null);
        }
        try {
            channel.send(n, deadline);
            return SendResult.delivered(name);
        } catch (DeliveryException e) {
            return new SendResult(name, e.outcome(), e.getMessage(), e.retryAfter());
        } catch (RuntimeException e) {
            // A bug or an unexpected SDK error, maybe after sending: counted as unanswered, so retried at most once.
            return new SendResult(name, SendResult.Outcome.UNANSWERED, name + ": unexpected " + e, null);
        }
    }
}
