package dev.stockalerts.notify;

import java.io.PrintStream;
import java.util.Objects;

/** Prints notifications; used by local runs, where nobody should be paged. */
public final class ConsoleChannel implements NotificationChannel {
    public static final String NAME = "console";

    private final PrintStream out;

    public ConsoleChannel() {
        this(System.out);
    }

    public ConsoleChannel(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void send(Notification n) {
        out.println("[Notify] " + n.message());
    }
}
