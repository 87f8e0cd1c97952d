package dev.stockalerts.notify;

import dev.stockalerts.testing.LoopbackHttpServer;
import dev.stockalerts.testing.LoopbackHttpServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookChannelTest {
    private final LoopbackHttpServer server = LoopbackHttpServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private WebhookChannel channel(Duration timeout) {
        return new WebhookChannel(server.uri("/hooks/secret-token"), LoopbackHttpServer.CLIENT, timeout);
    }

    @Test
    void postsExactJsonAndAccepts2xx() throws Exception {
        server.routeAll(Response.of(204, ""));
        channel(Duration.ofSeconds(5)).send(NotificationTest.sample());

        LoopbackHttpServer.Request r = server.onlyRequest();
        assertEquals("POST", r.method());
        assertEquals("/hooks/secret-token", r.path());
        assertEquals("application/json", r.header("Content-Type"));
        assertEquals("{\"alertId\":\"a1\",\"symbol\":\"AAPL\",\"condition\":\"ABOVE\",\"level\":200.0,"
                + "\"price\":201.35,\"time\":\"2026-11-25T14:05:00Z\"}", r.body());
    }

    @Test
    void serverErrorIsRetryableFailure() {
        server.routeAll(Response.text(500, "boom"));
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> channel(Duration.ofSeconds(5)).send(NotificationTest.sample()));
        assertEquals("webhook", e.channel());
        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-token"), "URL path must not leak into logs");
    }

    @Test
    void clientErrorIsNotRetryable() {
        server.routeAll(Response.text(404, "no such hook"));
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
