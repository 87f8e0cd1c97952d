package dev.stockalerts.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;

/** Sends the message text to one chat through the Telegram Bot API (sendMessage). */
public final class TelegramChannel implements NotificationChannel {
    public static final String NAME = "telegram";
    public static final URI DEFAULT_BASE = URI.create("https://api.telegram.org");
    /** Telegram rejects longer texts outright. */
    static final int MAX_TEXT = 4096;

    private final URI endpoint;
    private final String chatId;
    private final JsonPost post;

    public TelegramChannel(String botToken, String chatId, HttpClient http, Duration timeout) {
        this(DEFAULT_BASE, botToken, chatId, http, timeout);
    }

    public TelegramChannel(URI base, String botToken, String chatId, HttpClient http, Duration timeout) {
        Objects.requireNonNull(base, "base");
        if (botToken == null || botToken.isBlank()) throw new IllegalArgumentException("bot token is required");
        if (chatId == null || chatId.isBlank()) throw new IllegalArgumentException("chat id is required");
        String b = base.toString().replaceAll("/+$", "");
        this.endpoint = URI.create(b + "/bot" + botToken + "/sendMessage");
        this.chatId = chatId;
        this.post = new JsonPost(http, timeout);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void send(Notification n) throws DeliveryException {
        String text = n.message();
        if (text.length() > MAX_TEXT) text = text.substring(0, MAX_TEXT);
        ObjectNode body = JsonPost.MAPPER.createObjectNode();
        body.put("chat_id", chatId);
        body.put("text", text); // no parse_mode: symbols like BRK-B must not be read as markup

        JsonPost.Response response = post.post(NAME, endpoint, body);
        JsonNode json = parse(response.body());
        if (response.status() == 200 && json != null && json.path("ok").asBoolean(false)) return;
        throw failure(response, json);
    }

    private static DeliveryException failure(JsonPost.Response response, JsonNode json) {
        int code = json != null && json.path("error_code").canConvertToInt()
                ? json.path("error_code").asInt() : response.status();
        String description = json != null && json.hasNonNull("description")
                ? json.get("description").asText() : response.snippet();
        Duration retryAfter = json != null && json.path("parameters").path("retry_after").canConvertToLong()
                ? Duration.ofSeconds(json.path("parameters").path("retry_after").asLong()) : null;
        // Retry-able: flood control (429) and Telegram-side errors; "chat not found", bad token etc. are not.
        boolean retryable = JsonPost.retryableStatus(code) || JsonPost.retryableStatus(response.status());
        String msg = "Telegram error " + code + ": " + description
                + (retryAfter != null ? " (retry after " + retryAfter.toSeconds() + " s)" : "");
        return new DeliveryException(NAME, retryable, msg, retryAfter, null);
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JsonPost.MAPPER.readTree(body);
        } catch (Exception e) {
            return null; // e.g. an HTML error page from a proxy: fall back to the HTTP status
        }
    }
}
