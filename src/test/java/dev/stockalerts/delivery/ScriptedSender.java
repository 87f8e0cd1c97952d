package dev.stockalerts.delivery;

import dev.stockalerts.time.Deadline;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Channels whose answers a test scripts per channel (delivered unless told otherwise); records every attempt. */
final class ScriptedSender implements NotificationSender {
    record Attempt(String channel, String alertId, int fireCount) {}

    final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<SendResult.Outcome>> scripts = new ConcurrentHashMap<>();

    /** The next answers of {@code channel}, in order; after them it delivers. */
    ScriptedSender answer(String channel, SendResult.Outcome... outcomes) {
        scripts.computeIfAbsent(channel, c -> new ArrayDeque<>()).addAll(List.of(outcomes));
        return this;
    }

    long attemptsOf(String alertId) {
        return attempts.stream().filter(a -> a.alertId().equals(alertId)).count();
    }

    @Override
    public Set<String> channelNames() {
        return Set.of("webhook", "sns");
    }

    @Override
    public synchronized SendResult send(String channel, Notification n, Deadline deadline) {
        attempts.add(new Attempt(channel, n.alertId(), n.fireCount()));
        Deque<SendResult.Outcome> script = scripts.get(channel);
        SendResult.Outcome outcome = script == null || script.isEmpty() ? SendResult.Outcome.DELIVERED : script.poll();
        return new SendResult(channel, outcome, outcome == SendResult.Outcome.DELIVERED ? null : "scripted " + outcome, null);
    }
}
