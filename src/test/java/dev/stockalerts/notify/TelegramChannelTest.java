package dev.stockalerts.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockalerts.delivery.Notification;
import dev.stockalerts.delivery.SendResult.Outcome;
import dev.stockalerts.testing.LoopbackHttpServer.Response;
import dev.stockalerts.testing.LoopbackHttpServer;
import dev.stockalerts.time.Deadline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TelegramChannelTest {
    private static final String TOKEN = "123456:ABC-DEF1234ghIkl";
    private final LoopbackHttpServer server = LoopbackHttpServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private TelegramChannel channel() {
        return new TelegramChannel(server.baseUri(), TOKEN, "-1001234567890", Notifier.http(), Duration.ofSeconds(5));
    }

    @Test
    void sendsMessageToBotEndpoint() throws Exception {
        server.routeAll(Response.json(200,
                "{\"ok\":true,\"result\":{\"message_id\":42,\"chat\":{\"id\":-1001234567890,\"type\":\"channel\"},"
                        + "\"date\":1795615500,\"text\":\"AAPL ABOVE 200.00: price 201.35 at 2026-11-25T14:05:00Z\"}}"));
        channel().send(NotificationTest.sample(), Deadline.none());

        LoopbackHttpServer.Request r = server.onlyRequest();
        assertEquals("POST", r.method());
        assertEquals("/bot" + TOKEN + "/sendMessage", r.path());
        assertEquals("application/json", r.header("Content-Type"));
        JsonNode body = new ObjectMapper().readTree(r.body());
        assertEquals("-1001234567890", body.get("chat_id").asText());
        assertEquals("AAPL ABOVE 200.00: price 201.35 at 2026-11-25T14:05:00Z", body.get("text").asText());
        assertEquals(2, body.size());
    }

    @Test
    void anAlertMadeInAChatIsSentToThatChatAndWithoutADefaultChatOthersAreRejected() throws Exception {
        server.routeAll(Response.json(200, "{\"ok\":true,\"result\":{\"message_id\":43,\"date\":1795615500,"
                + "\"chat\":{\"id\":424242,\"type\":\"private\"},\"text\":\"fired\"}}"));
        Notification sample = NotificationTest.sample();
        channel().send(new Notification(sample.alertId(), sample.symbol(), sample.condition(), sample.level(), sample.price(),
                sample.time(), sample.fireCount(), sample.trigger(), "424242"), Deadline.none());
        assertEquals("424242", new ObjectMapper().readTree(server.onlyRequest().body()).get("chat_id").asText());

        TelegramChannel noDefault = new TelegramChannel(server.baseUri(), TOKEN, null, Notifier.http(), Duration.ofSeconds(5));
        DeliveryException e = assertThrows(DeliveryException.class, () -> noDefault.send(NotificationTest.sample(), Deadline.none()));
        assertEquals(Outcome.REJECTED, e.outcome());
        assertEquals("telegram: no chat to send to: the alert names none and TELEGRAM_CHAT_ID is not set", e.getMessage());
        assertEquals(1, server.requests().size(), "nothing sent");
    }

    @Test
    void chatNotFoundIsPermanent() {
        server.routeAll(Response.json(400,
                "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}"));
        DeliveryException e = assertThrows(DeliveryException.class, () -> channel().send(NotificationTest.sample(), Deadline.none()));
        assertEquals("telegram", e.channel());
        assertEquals(Outcome.REJECTED, e.outcome());
        assertTrue(e.getMessage().contains("chat not found"), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN), "bot token must not leak into logs");
    }

    @Test
    void floodControlIsRetryableWithRetryAfter() {
        server.routeAll(Response.json(429,
                "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 5\","
                        + "\"parameters\":{\"retry_after\":5}}"));
        DeliveryException e = assertThrows(DeliveryException.class, () -> channel().send(NotificationTest.sample(), Deadline.none()));
        assertEquals(Outcome.FAILED, e.outcome());
        assertEquals(Duration.ofSeconds(5), e.retryAfter());
    }

    @Test
    void a200IsDeliveredEvenWhenItsBodyStalls() throws Exception {
        server.routeAll(Response.json(200, "{\"ok\":true,").withStalledBody());
        channel().send(NotificationTest.sample(), Deadline.none());
        assertEquals(1, server.requests().size());
    }
}
