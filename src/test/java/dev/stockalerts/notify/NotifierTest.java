package dev.stockalerts.notify;

import dev.stockalerts.delivery.Notification;
import dev.stockalerts.delivery.SendResult.Outcome;
import dev.stockalerts.delivery.SendResult;
import dev.stockalerts.testing.LoopbackHttpServer.Response;
import dev.stockalerts.testing.LoopbackHttpServer;
import dev.stockalerts.time.Deadline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NotifierTest {
    private final LoopbackHttpServer server = LoopbackHttpServer.start();
    private final List<String> log = new ArrayList<>();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void eachChannelReportsItsOwnOutcome() {
        server.routeAll(Response.text(503, "maintenance"));
        Notifier notifier = new Notifier(List.of(new ConsoleChannel(log::add),
                new WebhookChannel(server.uri("/hook"), Notifier.http(), Duration.ofSeconds(5))));

        SendResult console = notifier.send("console", NotificationTest.sample(), Deadline.none());
        SendResult webhook = notifier.send("webhook", NotificationTest.sample(), Deadline.none());
        SendResult sms = notifier.send("sms", NotificationTest.sample(), Deadline.none());

        assertEquals(Outcome.DELIVERED, console.outcome());
        assertEquals(List.of("[Notify] AAPL ABOVE 200.00: price 201.35 at 2026-11-25T14:05:00Z"), log);
        assertEquals(Outcome.FAILED, webhook.outcome());
        assertTrue(webhook.reason().contains("HTTP 503"), webhook.reason());
        assertEquals(Outcome.REJECTED, sms.outcome());
        assertTrue(sms.reason().contains("not configured"), sms.reason());
    }

    @Test
    void aChannelThatThrowsABugIsReportedAsUnansweredNotThrown() {
        NotificationChannel broken = new NotificationChannel() {
            public String name() { return "broken"; }
            public void send(Notification n, Deadline deadline) { throw new IllegalStateException("bug"); }
        };
        SendResult result = new Notifier(List.of(broken)).send("broken", NotificationTest.sample(), Deadline.none());
        assertEquals(Outcome.UNANSWERED, result.outcome());
        assertTrue(result.reason().contains("bug"), result.reason());
    }

    @Test
    void rejectsTwoChannelsWithOneName() {
        assertThrows(IllegalArgumentException.class,
                () -> new Notifier(List.of(new ConsoleChannel(log::add), new ConsoleChannel(log::add))));
    }
}
