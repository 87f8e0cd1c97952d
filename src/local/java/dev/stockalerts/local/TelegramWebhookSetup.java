package dev.stockalerts.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockalerts.bot.BotCommands;
import dev.stockalerts.config.Settings;
import dev.stockalerts.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * {@code telegram-webhook --url <StockApiUrl> [--drop-pending-updates]}: points the bot at the stack. It calls the Bot
 * API's setWebhook (the stack's POST /telegram/webhook, the secret token, the updates the bot answers), setMyCommands
 * (the menu Telegram shows) and getWebhookInfo (to show what Telegram now has). The bot token and the secret come from
 * TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET and are never printed; TELEGRAM_BASE_URL points it elsewhere (tests).
 */
final class TelegramWebhookSetup {
    /** What BotFather hands out: the bot's id, a colon, then the secret part. */
    private static final Pattern TOKEN = Pattern.compile("[0-9]{1,20}:[A-Za-z0-9_-]{20,200}");
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final URI bot;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final Consumer<String> out;

    private TelegramWebhookSetup(URI bot, Consumer<String> out) {
        this.bot = bot;
        this.out = out;
    }

    /** @param apiUrl the stack's StockApiUrl output, e.g. https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod */
    static void run(Map<String, String> env, String apiUrl, boolean dropPendingUpdates, Consumer<String> out) {
        String token = present(env.get("TELEGRAM_BOT_TOKEN"), "TELEGRAM_BOT_TOKEN", "the token BotFather gave the bot");
        if (!TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("TELEGRAM_BOT_TOKEN is not a bot token such as 123456789:AAH... (its value is not shown)");
        }
        String secret = present(env.get("TELEGRAM_WEBHOOK_SECRET"), "TELEGRAM_WEBHOOK_SECRET", "the stack's webhook secret");
        if (!Settings.WEBHOOK_SECRET.matcher(secret).matches()) {
            throw new IllegalArgumentException("TELEGRAM_WEBHOOK_SECRET must be 1 to 256 of A-Z, a-z, 0-9, _ and - (its value is not shown)");
        }
        URI api = URI.create(apiUrl.replaceAll("/+$", ""));
        if (!"https".equals(api.getScheme()) || api.getHost() == null) {
            throw new IllegalArgumentException("--url must be the stack's https URL (output StockApiUrl), got '" + apiUrl + "'");
        }
        String base = env.getOrDefault("TELEGRAM_BASE_URL", "");
        base = (base.isBlank() ? Settings.TELEGRAM.toString() : base.trim()).replaceAll("/+$", "");
        new TelegramWebhookSetup(URI.create(base + "/bot" + token + "/"), out).setUp(api + "/telegram/webhook", secret, dropPendingUpdates);
    }

    private void setUp(String webhook, String secret, boolean dropPendingUpdates) {
        ObjectNode setWebhook = Json.MAPPER.createObjectNode().put("url", webhook).put("secret_token", secret)
                .put("drop_pending_updates", dropPendingUpdates);
        setWebhook.putArray("allowed_updates").add("message").add("callback_query");
        out.accept("setWebhook " + webhook + ": " + call("setWebhook", setWebhook).path("description").asText("ok"));

        ObjectNode setMyCommands = Json.MAPPER.createObjectNode();
        ArrayNode commands = setMyCommands.putArray("commands");
        for (BotCommands c : BotCommands.menu()) commands.addObject().put("command", c.command()).put("description", c.description());
        call("setMyCommands", setMyCommands);
        out.accept("setMyCommands: " + commands.size() + " commands in the bot's menu");

        JsonNode info = call("getWebhookInfo", Json.MAPPER.createObjectNode()).path("result");
        out.accept("getWebhookInfo: url " + info.path("url").asText() + ", " + info.path("pending_update_count").asInt()
                + " updates pending" + (info.hasNonNull("last_error_message")
                ? ", last error: " + info.get("last_error_message").asText() : ", no delivery error"));
    }

    /** One Bot API call; a refusal says Telegram's description, never the URL (it holds the token). */
    private JsonNode call(String method, ObjectNode body) {
        HttpRequest request = HttpRequest.newBuilder(bot.resolve(method)).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(method + ": Telegram did not answer (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + ": interrupted");
        }
        JsonNode answer;
        try {
            answer = Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            answer = Json.MAPPER.createObjectNode();
        }
        if (response.statusCode() != 200 || !answer.path("ok").asBoolean()) {
            throw new IllegalStateException(method + " refused: HTTP " + response.statusCode() + " "
                    + answer.path("description").asText("(no description)")
                    + (response.statusCode() == 401 || response.statusCode() == 404 ? " (is TELEGRAM_BOT_TOKEN the bot's token?)" : ""));
        }
        return answer;
    }

    private static String present(String value, String variable, String what) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(variable + " is not set: " + what);
        return value.trim();
    }
}
