package dev.stockalerts.notify;

import dev.stockalerts.delivery.Notification;
import dev.stockalerts.time.Deadline;

import java.util.Objects;
import java.util.function.Consumer;

/** Writes notifications to the log; for local runs, where nobody should be paged. */
public final class ConsoleChannel implements NotificationChannel {
    public static final String NAME = "console";

    private final Consumer<String> log;

    public ConsoleChannel(Consumer<String> log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void send(Notification n, Deadline deadline) {
        log.accept("[Notify] " + n.message());
    }
}
