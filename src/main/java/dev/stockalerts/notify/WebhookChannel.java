package dev.stockalerts.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;

/** POSTs the notification as JSON to a configured URL; any 2xx means delivered. */
public final class WebhookChannel implements NotificationChannel {
    public static final String NAME = "webhook";

    private final URI uri;
    private final JsonPost post;

    public WebhookChannel(URI uri, HttpClient http, Duration timeout) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.post = new JsonPost(http, timeout);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void send(Notification n) throws DeliveryException {
        JsonPost.Response response = post.post(NAME, uri, body(n));
        if (!response.ok()) {
            throw new DeliveryException(NAME, JsonPost.retryableStatus(response.status()),
                    "HTTP " + response.status() + " from " + JsonPost.redact(uri) + ": " + response.snippet());
        }
    }

    static ObjectNode body(Notification n) {
        ObjectNode body = JsonPost.MAPPER.createObjectNode();
        body.put("alertId", n.alertId());
        body.put("symbol", n.symbol());
        body.put("condition", n.condition());
        body.put("level", n.level());
        body.put("price", n.price());
        body.put("time", n.time().toString());
        return body;
    }
}
