package dev.stockalerts.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockalerts.delivery.Notification;
import dev.stockalerts.http.OutboundHttp;
import dev.stockalerts.json.Json;
import dev.stockalerts.time.Deadline;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/** POSTs the notification as JSON to a configured URL; any 2xx means delivered. */
public final class WebhookChannel implements NotificationChannel {
    public static final String NAME = "webhook";

    private final URI uri;
    private final JsonPost post;

    public WebhookChannel(URI uri, OutboundHttp http, Duration timeout) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.post = new JsonPost(http, timeout);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void send(Notification n, Deadline deadline) throws DeliveryException {
        JsonPost.Response response = post.post(NAME, uri, body(n), deadline);
        if (!response.ok()) {
            String redirect = response.status() / 100 == 3 ? " (redirects are not followed for a POST: fix the URL)" : "";
            throw new DeliveryException(NAME, JsonPost.outcomeOf(response.status()),
                    "HTTP " + response.status() + " from " + JsonPost.redact(uri) + redirect + ": " + response.snippet());
        }
    }

    static ObjectNode body(Notification n) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("alertId", n.alertId());
        body.put("symbol", n.symbol());
        body.put("condition", n.condition());
        body.put("level", n.level());
        body.put("price", n.price());
        body.put("time", n.time().toString());
        // LAST_PRICE, or DAY_HIGH / DAY_LOW: an intraday touch between two checks, at "price".
        body.put("trigger", n.trigger().name());
        return body;
    }
}
