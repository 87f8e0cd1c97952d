package dev.stockalerts.notify;

import dev.stockalerts.delivery.SendResult.Outcome;
import dev.stockalerts.testing.LoopbackHttpServer.Response;
import dev.stockalerts.testing.LoopbackHttpServer;
import dev.stockalerts.time.Deadline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import dev.stockalerts.http.OutboundHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookChannelTest {
    /** As production builds it for notifications: redirects are never followed. */
    private static final OutboundHttp NO_REDIRECTS = Notifier.http();

    private final LoopbackHttpServer server = LoopbackHttpServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private WebhookChannel channel(Duration timeout) {
        return new WebhookChannel(server.uri("/hooks/secret-token"), NO_REDIRECTS, timeout);
    }

    private DeliveryException failure(Duration timeout, Deadline deadline) {
        return assertThrows(DeliveryException.class, () -> channel(timeout).send(NotificationTest.sample(), deadline));
    }

    @Test
    void postsExactJsonAndAccepts2xx() throws Exception {
        server.routeAll(Response.of(204, ""));
        channel(Duration.ofSeconds(5)).send(NotificationTest.sample(), Deadline.none());

        LoopbackHttpServer.Request r = server.onlyRequest();
        assertEquals("POST", r.method());
        assertEquals("/hooks/secret-token", r.path());
        assertEquals("application/json", r.header("Content-Type"));
        assertEquals("{\"alertId\":\"a1\",\"symbol\":\"AAPL\",\"condition\":\"ABOVE\",\"level\":200.0,"
                + "\"price\":201.35,\"time\":\"2026-11-25T14:05:00Z\",\"trigger\":\"LAST_PRICE\"}", r.body());
    }

    @Test
    void a2xxWhoseBodyThenStallsIsDeliveredWithoutWaitingForTheBody() throws Exception {
        server.routeAll(Response.json(200, "{\"received\":").withStalledBody());
        long started = System.nanoTime();
        channel(Duration.ofSeconds(30)).send(NotificationTest.sample(), Deadline.none());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 10, "returned on the status line");
    }

    @Test
    void aServerErrorIsAFailureToRetry() {
        server.routeAll(Response.text(500, "boom"));
        DeliveryException e = failure(Duration.ofSeconds(5), Deadline.none());
        assertEquals("webhook", e.channel());
        assertEquals(Outcome.FAILED, e.outcome());
        assertTrue(e.getMessage().contains("HTTP 500") && e.getMessage().endsWith(": boom"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-token"), "URL path must not leak into logs");
    }

    @Test
    void anErrorBodyThatStallsIsCutOffAtTheTimeout() {
        server.routeAll(Response.text(503, "partial").withStalledBody());
        DeliveryException e = failure(Duration.ofMillis(500), Deadline.none());
        assertEquals(Outcome.FAILED, e.outcome());
        assertTrue(e.getMessage().contains("HTTP 503") && e.getMessage().endsWith(": partial"), e.getMessage());
    }

    @Test
    void aClientErrorIsRejectedForGood() {
        server.routeAll(Response.text(404, "no such hook"));
        assertEquals(Outcome.REJECTED, failure(Duration.ofSeconds(5), Deadline.none()).outcome());
    }

    @Test
    void aRedirectIsNotFollowedAndCountsAsAFailedDelivery() {
        server.route("/hooks/secret-token", Response.of(307, "").withHeader("Location", server.uri("/elsewhere").toString()));
        DeliveryException e = failure(Duration.ofSeconds(5), Deadline.none());
        assertEquals(Outcome.FAILED, e.outcome());
        assertTrue(e.getMessage().contains("HTTP 307") && e.getMessage().contains("not followed"), e.getMessage());
        assertEquals(1, server.requests().size(), "the POST went to the configured URL only");
    }

    @Test
    void noAnswerWithinTheTimeoutIsUnanswered() {
        server.hang();
        DeliveryException e = failure(Duration.ofMillis(200), Deadline.none());
        assertEquals(Outcome.UNANSWERED, e.outcome());
        assertTrue(e.getMessage().contains("no answer within"), e.getMessage());
    }

    @Test
    void theRunsDeadlineShortensTheTimeout() {
        server.hang();
        long started = System.nanoTime();
        DeliveryException e = failure(Duration.ofSeconds(30), Deadline.in(Duration.ofMillis(300)));
        assertEquals(Outcome.UNANSWERED, e.outcome());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 10);
    }

    @Test
    void aRefusedConnectionIsAFailureNothingWasSent() {
        WebhookChannel refused = new WebhookChannel(LoopbackHttpServer.closedPortUri(), NO_REDIRECTS, Duration.ofSeconds(2));
        DeliveryException e = assertThrows(DeliveryException.class, () -> refused.send(NotificationTest.sample(), Deadline.none()));
        assertEquals(Outcome.FAILED, e.outcome());
    }

    @Test
    void aConnectionThatNeverOpensIsAFailureNothingWasSentNotAnUnansweredAttempt() throws Exception {
        // A listener whose queue is full and that never accepts: the next connection attempt hangs, as to a blackholed host.
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> queued = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Socket s = new Socket();
                    try {
                        s.connect(full.getLocalSocketAddress(), 200);
                        queued.add(s);
                    } catch (SocketTimeoutException e) {
                        s.close();
                        break; // the queue is full now
                    }
                }
                URI target = URI.create("http://127.0.0.1:" + full.getLocalPort() + "/hooks/x");
                WebhookChannel blackholed = new WebhookChannel(target, NO_REDIRECTS, Duration.ofMillis(500));
                DeliveryException e = assertThrows(DeliveryException.class,
                        () -> blackholed.send(NotificationTest.sample(), Deadline.none()));
                assertEquals(Outcome.FAILED, e.outcome(), e.getMessage());
            } finally {
                for (Socket s : queued) s.close();
            }
        }
    }

    @Test
    void nothingIsSentOnceTheDeadlineHasPassed() {
        server.routeAll(Response.of(204, ""));
        assertEquals(Outcome.FAILED, failure(Duration.ofSeconds(5), Deadline.in(Duration.ZERO)).outcome());
        assertTrue(server.requests().isEmpty());
    }
}
