package dev.stockalerts.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockalerts.testing.ApiEvents;
import dev.stockalerts.testing.LoopbackHttpServer;
import dev.stockalerts.testing.LoopbackHttpServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The setup command against a loopback Telegram: what it asks of the Bot API, what it prints, and that no secret shows. */
class TelegramWebhookSetupTest {
    private static final String TOKEN = "7123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    private static final String SECRET = "webhook_Secret-0123456789";
    private static final String API = "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/";
    private static final String HOOK = "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/telegram/webhook";

    private final LoopbackHttpServer telegram = LoopbackHttpServer.start()
            .route("/bot" + TOKEN + "/setWebhook", Response.json(200, "{\"ok\":true,\"result\":true,\"description\":\"Webhook was set\"}"))
            .route("/bot" + TOKEN + "/setMyCommands", Response.json(200, "{\"ok\":true,\"result\":true}"))
            .route("/bot" + TOKEN + "/getWebhookInfo", Response.json(200, "{\"ok\":true,\"result\":{\"url\":\"" + HOOK + "\","
                    + "\"has_custom_certificate\":false,\"pending_update_count\":0,\"max_connections\":40,"
                    + "\"ip_address\":\"3.217.42.10\",\"allowed_updates\":[\"message\",\"callback_query\"]}}"))
            .routeAll(Response.json(404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}"));

    @AfterEach
    void close() {
        telegram.close();
    }

    private Map<String, String> env(String token) {
        return Map.of("TELEGRAM_BOT_TOKEN", token, "TELEGRAM_WEBHOOK_SECRET", SECRET, "TELEGRAM_BASE_URL", telegram.baseUri().toString());
    }

    @Test
    void theCommandSetsTheWebhookWithItsSecretAndTheMenuAndPrintsNeitherSecret() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), LocalMain.class.getName(),
                "telegram-webhook", "--url", API, "--drop-pending-updates"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env(TOKEN));
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the command ends");
        String printed = out.join() + err.join();

        assertEquals(0, process.exitValue(), printed);
        assertEquals("setWebhook " + HOOK + ": Webhook was set\nsetMyCommands: 7 commands in the bot's menu\n"
                + "getWebhookInfo: url " + HOOK + ", 0 updates pending, no delivery error\n", printed);
        assertFalse(printed.contains(TOKEN.substring(TOKEN.indexOf(':') + 1)) || printed.contains(SECRET), printed);

        JsonNode setWebhook = ApiEvents.json(telegram.requests("/bot" + TOKEN + "/setWebhook").get(0).body());
        assertEquals(HOOK, setWebhook.get("url").asText());
        assertEquals(SECRET, setWebhook.get("secret_token").asText());
        assertEquals("[\"message\",\"callback_query\"]", setWebhook.get("allowed_updates").toString());
        assertTrue(setWebhook.get("drop_pending_updates").asBoolean());
        JsonNode commands = ApiEvents.json(telegram.requests("/bot" + TOKEN + "/setMyCommands").get(0).body()).get("commands");
        assertEquals(7, commands.size());
        assertEquals("{\"command\":\"price\",\"description\":\"the quote: price, change, day range\"}", commands.get(0).toString());
        for (JsonNode c : commands) {
            assertTrue(c.get("command").asText().matches("[a-z0-9_]{1,32}"), c.toString());
            assertTrue(c.get("description").asText().length() <= 256, c.toString());
        }
    }

    @Test
    void aRefusalSaysTelegramsReasonWithoutTheToken() {
        String wrongToken = "7123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDwrong";
        telegram.route("/bot" + wrongToken + "/setWebhook",
                Response.json(401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}"));
        List<String> printed = new ArrayList<>();
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> TelegramWebhookSetup.run(env(wrongToken), API, false, printed::add));
        assertEquals("setWebhook refused: HTTP 401 Unauthorized (is TELEGRAM_BOT_TOKEN the bot's token?)", refused.getMessage());
        assertEquals(List.of(), printed);
    }

    @Test
    void missingOrMalformedSettingsAreNamedNeverShown() {
        assertEquals("TELEGRAM_BOT_TOKEN is not set: the token BotFather gave the bot", assertThrows(IllegalArgumentException.class,
                () -> TelegramWebhookSetup.run(Map.of(), API, false, line -> { })).getMessage());
        String bad = assertThrows(IllegalArgumentException.class,
                () -> TelegramWebhookSetup.run(Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_WEBHOOK_SECRET", "has spaces and $"),
                        API, false, line -> { })).getMessage();
        assertEquals("TELEGRAM_WEBHOOK_SECRET must be 1 to 256 of A-Z, a-z, 0-9, _ and - (its value is not shown)", bad);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TelegramWebhookSetup.run(env(TOKEN), "http://example.com/prod",
                false, line -> { })).getMessage().startsWith("--url must be the stack's https URL"));
        assertEquals(0, telegram.requests().size(), "nothing was asked of Telegram");
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
