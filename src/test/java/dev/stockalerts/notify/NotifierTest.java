package dev.stockalerts.notify;

import dev.stockalerts.testing.LoopbackHttpServer;
import dev.stockalerts.testing.LoopbackHttpServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NotifierTest {
    private final LoopbackHttpServer server = LoopbackHttpServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void reportsPartialDelivery() {
        server.routeAll(Response.text(503, "maintenance"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Notifier notifier = new Notifier(List.of(
                new ConsoleChannel(new PrintStream(out, true, StandardCharsets.UTF_8)),
                new WebhookChannel(server.uri("/hook"), LoopbackHttpServer.CLIENT, Duration.ofSeconds(5))));

        DeliveryReport report = notifier.deliver(NotificationTest.sample(), List.of("console", "webhook", "sms"));

        assertEquals(List.of("console"), report.delivered());
        assertEquals(2, report.failed().size());
        DeliveryReport.Failure webhook = report.failed().get(0);
        assertEquals("webhook", webhook.channel());
        assertTrue(webhook.retryable());
        assertTrue(webhook.reason().contains("HTTP 503"), webhook.reason());
        DeliveryReport.Failure sms = report.failed().get(1);
        assertEquals("sms", sms.channel());
        assertFalse(sms.retryable());
        assertTrue(sms.reason().contains("not configured"), sms.reason());
        assertEquals(List.of("webhook"), report.retryableChannels());
        assertFalse(report.allDelivered());

        assertEquals("[Notify] AAPL ABOVE 200.00: price 201.35 at 2026-11-25T14:05:00Z" + System.lineSeparator(),
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void duplicateNamesAreSentOnceAndBugsDoNotEscape() {
        int[] sends = {0};
        NotificationChannel counting = new NotificationChannel() {
            public String name() { return "count"; }
            public void send(Notification n) { sends[0]++; }
        };
        NotificationChannel broken = new NotificationChannel() {
            public String name() { return "broken"; }
            public void send(Notification n) { throw new IllegalStateException("bug"); }
        };
        DeliveryReport report = new Notifier(List.of(counting, broken))
                .deliver(NotificationTest.sample(), List.of("count", "count", "broken"));
        assertEquals(1, sends[0]);
        assertEquals(List.of("count"), report.delivered());
        assertEquals(List.of("broken"), report.retryableChannels());
    }

    @Test
    void emptyOrNullChannelListDeliversNothing() {
        DeliveryReport report = new Notifier(List.of(new ConsoleChannel())).deliver(NotificationTest.sample(), null);
        assertTrue(report.delivered().isEmpty());
        assertTrue(report.allDelivered());
    }

    @Test
    void rejectsTwoChannelsWithOneName() {
        assertThrows(IllegalArgumentException.class,
                () -> new Notifier(List.of(new ConsoleChannel(), new ConsoleChannel())));
    }
}
