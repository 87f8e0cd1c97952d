package dev.stockalerts.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockalerts.local.SimulatedClock;
import dev.stockalerts.testing.LoopbackHttpServer.Response;
import dev.stockalerts.testing.LoopbackHttpServer;
import dev.stockalerts.throttle.SharedThrottleStore;
import dev.stockalerts.throttle.ThrottleCache;
import dev.stockalerts.time.Deadline;
import dev.stockalerts.time.DeadlineContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminNotifierTest {
    private static final Duration WINDOW = Duration.ofMinutes(30);
    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-11-25T14:05:00Z"));
    private final LoopbackHttpServer server = LoopbackHttpServer.start().routeAll(Response.text(200, "ok"));
    private final java.util.List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        server.close();
    }

    private final DeadlineContext deadlines = new DeadlineContext();

    private AdminNotifier admin(java.net.URI webhook, Duration timeout) {
        return new AdminNotifier(webhook, Notifier.http(), timeout,
                new ThrottleCache(WINDOW, clock, SharedThrottleStore.NONE, log::add), deadlines, clock, log::add);
    }

    @Test
    void hundredSameFailuresMakeOnePostPerWindow() throws Exception {
        AdminNotifier admin = admin(server.uri("/admin"), Duration.ofSeconds(5));
        for (int i = 0; i < 100; i++) admin.providerFailure("yahoo", "SERVER_ERROR", "HTTP 503");
        assertEquals(1, server.requests().size());

        LoopbackHttpServer.Request r = server.onlyRequest();
        assertEquals("/admin", r.path());
        assertEquals("application/json", r.header("Content-Type"));
        JsonNode body = new ObjectMapper().readTree(r.body());
        assertEquals("provider_failure", body.get("kind").asText());
        assertEquals("yahoo:SERVER_ERROR", body.get("key").asText());
        assertEquals("quote provider yahoo failing: SERVER_ERROR: HTTP 503", body.get("message").asText());
        assertEquals("2026-11-25T14:05:00Z", body.get("time").asText());

        clock.advance(WINDOW);
        for (int i = 0; i < 100; i++) admin.providerFailure("yahoo", "SERVER_ERROR", "HTTP 503");
        assertEquals(2, server.requests().size());
    }

    @Test
    void differentKindIsASeparateNotice() {
        AdminNotifier admin = admin(server.uri("/admin"), Duration.ofSeconds(5));
        admin.providerFailure("yahoo", "SERVER_ERROR", "HTTP 503");
        admin.providerFailure("yahoo", "TIMEOUT", "no answer in 3 s");
        admin.providerFailure("yahoo", "SERVER_ERROR", "HTTP 502");
        assertEquals(2, server.requests().size());
        assertTrue(server.requests().get(1).body().contains("\"key\":\"yahoo:TIMEOUT\""));
    }

    @Test
    void generalNoticeIsThrottledByKey() {
        AdminNotifier admin = admin(server.uri("/admin"), Duration.ofSeconds(5));
        assertTrue(admin.notice("config:channels", "alert a1 names unknown channel 'sms'"));
        assertFalse(admin.notice("config:channels", "alert a1 names unknown channel 'sms'"));
        assertTrue(server.onlyRequest().body().contains("\"kind\":\"notice\""));
    }

    @Test
    void deliveryFailuresAreSwallowed() {
        server.hang();
        AdminNotifier admin = admin(server.uri("/admin"), Duration.ofMillis(200));
        assertDoesNotThrow(() -> admin.providerFailure("yahoo", "SERVER_ERROR", "HTTP 503"));

        server.routeAll(Response.text(500, "down"));
        AdminNotifier other = admin(server.uri("/admin"), Duration.ofSeconds(5));
        assertDoesNotThrow(() -> other.notice("k", "m"));
    }

    @Test
    void aNoticeRaisedInARunIsPostedWithinTheRunsDeadlineNotItsOwnTimeout() {
        server.hang();
        AdminNotifier admin = admin(server.uri("/admin"), Duration.ofSeconds(30));
        long started = System.nanoTime();
        boolean sent = deadlines.within(Deadline.in(Duration.ofMillis(300)),
                () -> admin.providerFailure("yahoo", "TIMEOUT", "no answer"));
        assertTrue(sent, "the notice went out, unanswered");
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 10, "bounded by the run, not by 30 s");
        assertTrue(log.stream().anyMatch(l -> l.startsWith("[Admin] webhook delivery failed")), log.toString());
    }

    @Test
    void withoutWebhookNoticesAreOnlyLogged() {
        AdminNotifier admin = admin(null, Duration.ofSeconds(5));
        assertTrue(admin.notice("k", "hello"));
        assertFalse(admin.notice("k", "hello"));
        assertEquals(0, server.requests().size());
    }
}
