package dev.stockalerts.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Telegram Bot API updates shaped as Telegram sends them to a webhook (https://core.telegram.org/bots/api#update):
 * messages with their bot_command entities, edits, photos, stickers and button presses, and the API Gateway events
 * that carry them to POST /telegram/webhook with the secret token header Telegram adds.
 */
public final class TelegramUpdates {
    public static final String WEBHOOK = "/telegram/webhook";
    public static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    /** The bot itself, as the "from" of the messages it sent. */
    private static final long BOT_ID = 7123456789L;
    private static final long DATE = 1_795_615_500L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicLong updateIds = new AtomicLong(518_200_100);
    private final AtomicLong messageIds = new AtomicLong(1_000);

    /** A one-to-one chat with a person: its id is the person's user id. */
    public record Chat(long id, String type, String title) {
        public static Chat person(long id) {
            return new Chat(id, "private", null);
        }

        public static Chat group(long id, String title) {
            return new Chat(id, "supergroup", title);
        }
    }

    public long nextUpdateId() {
        return updateIds.incrementAndGet();
    }

    /** A text message; a leading /command carries its bot_command entity, as Telegram marks it. */
    public String message(Chat chat, String text) {
        return message(nextUpdateId(), chat, text);
    }

    public String message(long updateId, Chat chat, String text) {
        ObjectNode message = messageBase(chat);
        message.put("text", text);
        if (text.startsWith("/")) {
            int length = text.split("\\s", 2)[0].length();
            message.putArray("entities").addObject().put("offset", 0).put("length", length).put("type", "bot_command");
        }
        return update(updateId, "message", message);
    }

    /** An edit of an earlier message (edited_message), e.g. a command changed after it was sent. */
    public String edit(Chat chat, String text) {
        ObjectNode message = messageBase(chat);
        message.put("edit_date", DATE + 60);
        message.put("text", text);
        if (text.startsWith("/")) {
            message.putArray("entities").addObject().put("offset", 0).put("length", text.split("\\s", 2)[0].length()).put("type", "bot_command");
        }
        return update(nextUpdateId(), "edited_message", message);
    }

    public String photo(Chat chat, String caption) {
        ObjectNode message = messageBase(chat);
        var sizes = message.putArray("photo");
        sizes.addObject().put("file_id", "AgACAgIAAxkBAAIBZ2VfQ2ITZ0tM9v").put("file_unique_id", "AQADuMkxG3bV").put("file_size", 1_401)
                .put("width", 90).put("height", 67);
        sizes.addObject().put("file_id", "AgACAgIAAxkBAAIBZ2VfQ2ITZ0tM9w").put("file_unique_id", "AQADuMkxG3bX").put("file_size", 21_754)
                .put("width", 320).put("height", 240);
        message.put("caption", caption);
        return update(nextUpdateId(), "message", message);
    }

    public String sticker(Chat chat) {
        ObjectNode message = messageBase(chat);
        message.putObject("sticker").put("file_id", "CAACAgIAAxkBAAIBaGVfQ3x").put("file_unique_id", "AgADbQADwDZPEw")
                .put("type", "regular").put("width", 512).put("height", 512).put("is_animated", false).put("is_video", false)
                .put("emoji", "\uD83D\uDCC8").put("set_name", "StockCharts").put("file_size", 23_172);
        return update(nextUpdateId(), "message", message);
    }

    /** A press of an inline keyboard button under the bot's message {@code messageId}, carrying its callback data. */
    public String buttonPress(Chat chat, long messageId, String data) {
        ObjectNode query = JSON.createObjectNode();
        query.put("id", "4382bfdwdsb323b2d9");
        query.set("from", person(chat));
        ObjectNode message = query.putObject("message");
        message.put("message_id", messageId);
        message.putObject("from").put("id", BOT_ID).put("is_bot", true).put("first_name", "Stock alerts").put("username", "stock_alerts_bot");
        message.set("chat", chatJson(chat));
        message.put("date", DATE);
        message.put("text", "This chat's alerts, 1-8 of 9:");
        query.put("chat_instance", "-8828183982451234567");
        query.put("data", data);
        return update(nextUpdateId(), "callback_query", query);
    }

    /** The API Gateway event of Telegram's POST, with {@code secret} in its header (null: no header). */
    public static APIGatewayProxyRequestEvent event(String update, String secret) {
        APIGatewayProxyRequestEvent event = ApiEvents.request("POST", WEBHOOK, update);
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        if (secret != null) headers.put(SECRET_HEADER, secret);
        return event.withHeaders(headers);
    }

    private ObjectNode messageBase(Chat chat) {
        ObjectNode message = JSON.createObjectNode();
        message.put("message_id", messageIds.incrementAndGet());
        message.set("from", person(chat));
        message.set("chat", chatJson(chat));
        message.put("date", DATE);
        return message;
    }

    private static ObjectNode person(Chat chat) {
        long id = chat.type().equals("private") ? chat.id() : 111_222_333L;
        return JSON.createObjectNode().put("id", id).put("is_bot", false).put("first_name", "Ada").put("username", "ada_trades")
                .put("language_code", "en");
    }

    private static ObjectNode chatJson(Chat chat) {
        ObjectNode json = JSON.createObjectNode().put("id", chat.id());
        if (chat.type().equals("private")) json.put("first_name", "Ada").put("username", "ada_trades");
        else json.put("title", chat.title());
        return json.put("type", chat.type());
    }

    private static String update(long updateId, String kind, ObjectNode body) {
        ObjectNode update = JSON.createObjectNode().put("update_id", updateId);
        update.set(kind, body);
        return update.toString();
    }
}
