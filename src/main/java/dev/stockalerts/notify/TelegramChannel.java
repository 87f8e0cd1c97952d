package dev.stockalerts.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockalerts.delivery.Notification;
import dev.stockalerts.delivery.SendResult.Outcome;
import dev.stockalerts.http.OutboundHttp;
import dev.stockalerts.json.Json;
import dev.stockalerts.time.Deadline;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Sends the message text through the Telegram Bot API (sendMessage): to the chat the alert was made from in Telegram,
 * else to the service's chat.
 */
public final class TelegramChannel implements NotificationChannel {
    public static final String NAME = "telegram";
    /** Telegram rejects longer texts outright. */
    static final int MAX_TEXT = 4096;

    private final URI endpoint;
    private final String defaultChat;
    private final JsonPost post;

    /** @param defaultChat the service's chat (TELEGRAM_CHAT_ID), or null when only alerts made in a chat use Telegram */
    public TelegramChannel(URI base, String botToken, String defaultChat, OutboundHttp http, Duration timeout) {
        Objects.requireNonNull(base, "base");
        if (botToken == null || botToken.isBlank()) throw new IllegalArgumentException("bot token is required");
        String b = base.toString().replaceAll("/+$", "");
        this.endpoint = URI.create(b + "/bot" + botToken + "/sendMessage");
        this.defaultChat = defaultChat == null || defaultChat.isBlank() ? null : defaultChat;
        this.post = new JsonPost(http, timeout);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void send(Notification n, Deadline deadline) throws DeliveryException {
        String chat = n.telegramChat() != null ? n.telegramChat() : defaultChat;
        if (chat == null) {
            throw new DeliveryException(NAME, Outcome.REJECTED, "no chat to send to: the alert names none and TELEGRAM_CHAT_ID is not set");
        }
        String text = n.message();
        if (text.length() > MAX_TEXT) text = text.substring(0, MAX_TEXT);
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("chat_id", chat);
        body.put("text", text); // no parse_mode: symbols like BRK-B must not be read as markup

        JsonPost.Response response = post.post(NAME, endpoint, body, deadline);
        // A 2xx means Telegram took the message; its body is not waited for.
        if (response.ok()) return;
        throw failure(response, parse(response.body()));
    }

    private static DeliveryException failure(JsonPost.Response response, JsonNode json) {
        int code = json != null && json.path("error_code").canConvertToInt()
                ? json.path("error_code").asInt() : response.status();
        String description = json != null && json.hasNonNull("description")
                ? json.get("description").asText() : response.snippet();
        Duration retryAfter = json != null && json.path("parameters").path("retry_after").canConvertToLong()
                ? Duration.ofSeconds(json.path("parameters").path("retry_after").asLong()) : null;
        // Retried: flood control (429) and Telegram-side errors; "chat not found", a bad token etc. are not.
        Outcome outcome = JsonPost.outcomeOf(code) == Outcome.FAILED ? Outcome.FAILED : JsonPost.outcomeOf(response.status());
        String msg = "Telegram error " + code + ": " + description
                + (retryAfter != null ? " (retry after " + retryAfter.toSeconds() + " s)" : "");
        return new DeliveryException(NAME, outcome, msg, retryAfter, null);
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : Json.MAPPER.readTree(body);
        } catch (Exception e) {
            return null; // e.g. an HTML error page from a proxy: fall back to the HTTP status
        }
    }
}
