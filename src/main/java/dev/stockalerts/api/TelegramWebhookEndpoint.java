package dev.stockalerts.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockalerts.bot.ChatBot;
import dev.stockalerts.bot.Reply;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * POST /telegram/webhook: Telegram delivers each update of the bot here (setWebhook). Behind Telegram's secret token
 * rather than the API key: a call without the configured secret in {@value #SECRET_HEADER} is answered 401 and
 * changes nothing, and so is every call while no secret is configured (the bot is off). After that, everything that a
 * resend cannot change is answered 2xx, since Telegram resends an update until it hears one: updates from chats not
 * allowed to command the bot, edits, photos, stickers, bodies that are no update. The bot's answer goes back as the
 * response's method call (sendMessage, or editMessageText for a button press), so a reply costs no call of our own;
 * with no parse_mode, nothing a user typed is read as markup.
 */
public final class TelegramWebhookEndpoint {
    public static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    private static final String LOG = "[Bot] ";

    private final ChatBot bot;
    private final byte[] secret;
    private final Set<String> chats;
    private final Consumer<String> log;

    /**
     * @param secret setWebhook's secret_token (TELEGRAM_WEBHOOK_SECRET), or null: every call is refused
     * @param chats  the chats whose commands the bot takes
     */
    public TelegramWebhookEndpoint(ChatBot bot, String secret, Collection<String> chats, Consumer<String> log) {
        this.bot = bot;
        this.secret = secret == null ? null : secret.getBytes(StandardCharsets.UTF_8);
        this.chats = Set.copyOf(chats);
        this.log = log;
    }

    public ApiResponse update(ApiRequest request) {
        if (!authentic(request)) return unauthorized();
        ObjectNode update;
        try {
            update = ApiJson.parseObject(request.body());
        } catch (BadRequest notAnUpdate) {
            log.accept(LOG + "A webhook call whose body is no update was dropped: " + notAnUpdate.getMessage());
            return nothingToSay();
        }
        JsonNode updateId = update.get("update_id");
        if (updateId == null || !updateId.canConvertToLong() || !updateId.isIntegralNumber()) {
            log.accept(LOG + "A webhook call without an update_id was dropped");
            return nothingToSay();
        }
        if (update.has("message")) return message(updateId.asLong(), update.get("message"), request);
        if (update.has("callback_query")) return button(updateId.asLong(), update.get("callback_query"), request);
        // edited_message, channel posts, reactions...: nothing the bot answers (setWebhook asks for none of them).
        return nothingToSay();
    }

    /** A body over the router's limit: no command is that long, so it is dropped unread rather than refused and resent. */
    public ApiResponse tooLarge(ApiRequest request) {
        if (!authentic(request)) return unauthorized();
        log.accept(LOG + "An update of " + request.bodyBytes() + " bytes was dropped unread: no command is that long");
        return nothingToSay();
    }

    private ApiResponse message(long updateId, JsonNode message, ApiRequest request) {
        String chat = chatOf(message);
        JsonNode text = message.get("text");
        if (chat == null || text == null || !text.isTextual()) return nothingToSay(); // a photo, a sticker, a service message
        if (!allowed(chat, updateId)) return nothingToSay();
        boolean privateChat = "private".equals(message.path("chat").path("type").asText());
        Optional<Reply> reply = bot.onMessage(updateId, chat, privateChat, text.asText(), request.deadline());
        log.accept(LOG + "Update " + updateId + " from chat " + chat + ": " + commandOf(text.asText())
                + (reply.isPresent() ? " answered" : " needs no answer"));
        return reply.map(r -> method("sendMessage", chat, null, r)).orElseGet(TelegramWebhookEndpoint::nothingToSay);
    }

    private ApiResponse button(long updateId, JsonNode query, ApiRequest request) {
        JsonNode message = query.path("message");
        String chat = chatOf(message);
        JsonNode messageId = message.get("message_id");
        // A message too old for the bot to see any more (date 0) cannot be edited.
        if (chat == null || messageId == null || !messageId.canConvertToLong() || message.path("date").asLong() == 0) {
            return nothingToSay();
        }
        if (!allowed(chat, updateId)) return nothingToSay();
        Optional<Reply> reply = bot.onButton(chat, query.path("data").asText(null), request.deadline());
        log.accept(LOG + "Update " + updateId + " from chat " + chat + ": a button" + (reply.isPresent() ? " answered" : " not ours"));
        return reply.map(r -> method("editMessageText", chat, messageId.asLong(), r)).orElseGet(TelegramWebhookEndpoint::nothingToSay);
    }

    private boolean allowed(String chat, long updateId) {
        if (chats.contains(chat)) return true;
        log.accept(LOG + "Update " + updateId + " from chat " + chat + " was ignored: the chat is not allowed to command the bot"
                + " (TELEGRAM_CHAT_ID, TELEGRAM_ALLOWED_CHAT_IDS)");
        return false;
    }

    /** Compared in constant time, as bytes: how long a comparison takes must not tell how much of a guess was right. */
    private boolean authentic(ApiRequest request) {
        String given = request.header(SECRET_HEADER);
        return secret != null && given != null && MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8));
    }

    private static ApiResponse unauthorized() {
        return ApiErrors.error(401, "unauthorized");
    }

    /** 2xx without a method: Telegram takes the update as delivered and sends nothing. */
    private static ApiResponse nothingToSay() {
        return ApiResponse.noContent();
    }

    /** The reply as the response's method call: Telegram makes it on our behalf. */
    private static ApiResponse method(String method, String chat, Long messageId, Reply reply) {
        ObjectNode call = ApiJson.object().put("method", method);
        call.put("chat_id", Long.parseLong(chat));
        if (messageId != null) call.put("message_id", messageId);
        call.put("text", reply.text());
        if (!reply.buttons().isEmpty()) {
            ArrayNode rows = call.putObject("reply_markup").putArray("inline_keyboard");
            for (List<Reply.Button> row : reply.buttons()) {
                ArrayNode buttons = rows.addArray();
                row.forEach(b -> buttons.addObject().put("text", b.text()).put("callback_data", b.data()));
            }
        }
        return ApiResponse.json(200, call);
    }

    /** The chat id of a message, as text; null when it has none. */
    private static String chatOf(JsonNode message) {
        JsonNode id = message == null ? null : message.path("chat").get("id");
        return id != null && id.isIntegralNumber() ? Long.toString(id.asLong()) : null;
    }

    /** The command word only (/alert): the rest may be a person's note, which logs need not keep. */
    private static String commandOf(String text) {
        String first = text.strip().split("\\s+", 2)[0];
        return first.startsWith("/") && first.length() <= 40 ? first : "a message";
    }
}
