package dev.stockalerts.notify;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookChannelTest {
    private final LoopbackServer server = new LoopbackServer();

    @AfterEach
    void stop() {
        server.close();
    }

    private WebhookChannel channel(Duration timeout) {
        return new WebhookChannel(server.uri("/hooks/secret-token"), LoopbackServer.client(), timeout);
    }

    @Test
    void postsExactJsonAndAccepts2xx() throws Exception {
        server.respond(204, null, "");
        channel(Duration.ofSeconds(5)).send(NotificationTest.sample());

        LoopbackServer.Request r = server.onlyRequest();
        assertEquals("POST", r.method());
        assertEquals("/hooks/secret-token", r.path());
        assertEquals("application/json", r.header("Content-Type"));
        assertEquals("{\"alertId\":\"a1\",\"symbol\":\"AAPL\",\"condition\":\"ABOVE\",\"level\":200.0,"
                + "\"price\":201.35,\"time\":\"2026-11-25T14:05:00Z\"}", r.body());
    }

    @Test
    void serverErrorIsRetryableFailure() {
        server.respond(500, "text/plain", "boom");
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> channel(Duration.ofSeconds(5)).send(NotificationTest.sample()));
        assertEquals("webhook", e.channel());
        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-token"), "URL path must not leak into logs");
    }

    @Test
    void clientErrorIsNotRetryable() {
        server.respond(404, "text/plain", "no such hook");
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> channel(Duration.ofSeconds(5)).send(NotificationTest.sample()));
        assertFalse(e.retryable());
    }

    @Test
    void timeoutIsRetryableFailure() {
        server.hang();
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> channel(Duration.ofMillis(200)).send(NotificationTest.sample()));
        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
    }
}
