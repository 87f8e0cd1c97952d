package dev.stockalerts.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockalerts.delivery.OperatorNotices;
import dev.stockalerts.http.OutboundHttp;
import dev.stockalerts.json.Json;
import dev.stockalerts.throttle.ThrottleCache;
import dev.stockalerts.time.DeadlineContext;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Operator notices (failing providers, deliveries given up), throttled per key and posted as JSON to
 * ADMIN_WEBHOOK_URL when set; always logged. Never throws: it reports trouble, it must not cause it.
 */
public final class AdminNotifier implements OperatorNotices {
    static final String CHANNEL = "admin";

    private final URI webhook;
    private final JsonPost post;
    private final ThrottleCache throttle;
    private final DeadlineContext deadlines;
    private final Clock clock;
    private final Consumer<String> log;

    /**
     * @param webhook   where to POST notices, or null to only log them
     * @param deadlines the work in progress's deadline (a run's, a request's): a notice posted in the middle of it
     *                  must not outlast it
     */
    public AdminNotifier(URI webhook, OutboundHttp http, Duration timeout, ThrottleCache throttle, DeadlineContext deadlines,
                         Clock clock, Consumer<String> log) {
        this.webhook = webhook;
        this.post = webhook == null ? null : new JsonPost(http, timeout);
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** E.g. ("yahoo", "SERVER_ERROR", "HTTP 503"); throttled per provider and failure kind. */
    public boolean providerFailure(String provider, String kind, String message) {
        return send("provider_failure", provider + ":" + kind,
                "quote provider " + provider + " failing: " + kind + ": " + message);
    }

    /** A general notice, throttled by {@code key}. */
    @Override
    public boolean notice(String key, String message) {
        return send("notice", key, message);
    }

    /** @return true if the notice went out (was not throttled), even if the webhook then failed */
    private boolean send(String kind, String key, String message) {
        try {
            if (!throttle.tryAcquire(key)) return false;
            log.accept("[Admin] " + message);
            if (webhook != null) post(kind, key, message);
            return true;
        } catch (RuntimeException e) {
            log.accept("[Admin] could not handle notice " + key + ": " + e);
            return false;
        }
    }

    private void post(String kind, String key, String message) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("kind", kind);
        body.put("key", key);
        body.put("message", message);
        body.put("time", clock.instant().toString());
        try {
            JsonPost.Response response = post.post(CHANNEL, webhook, body, deadlines.current());
            if (!response.ok()) log.accept("[Admin] webhook answered HTTP " + response.status() + ": " + response.snippet());
        } catch (DeliveryException e) {
            log.accept("[Admin] webhook delivery failed: " + e.getMessage());
        }
    }
}
