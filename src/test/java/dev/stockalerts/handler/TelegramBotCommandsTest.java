package dev.stockalerts.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stockalerts.testing.ApiEvents;
import dev.stockalerts.testing.CronHarness;
import dev.stockalerts.testing.LoopbackHttpServer;
import dev.stockalerts.testing.TelegramUpdates;
import dev.stockalerts.testing.TelegramUpdates.Chat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bot's commands as a person on a phone sends them: Telegram's updates through API Gateway to the real
 * StockApiFunction handler, on DynamoDB Local, quotes from a loopback Yahoo; the answer is the webhook response's
 * method call. An alert made in a chat fires in a scheduled run and reaches a loopback Telegram for that chat.
 */
class TelegramBotCommandsTest {
    static final String SECRET = "webhook_Secret-0123456789";
    static final String TOKEN = "7123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    static final Chat ADA = Chat.person(424242);
    static final Chat TRADERS = Chat.group(-1001234567890L, "Traders");
    static final String SERVICE_CHAT = "-1009999";

    private final LoopbackHttpServer telegram = LoopbackHttpServer.start()
            .routeAll(LoopbackHttpServer.Response.json(200, "{\"ok\":true,\"result\":{\"message_id\":77,\"date\":1795615800,"
                    + "\"chat\":{\"id\":424242,\"type\":\"private\"},\"text\":\"fired\"}}"));
    private final CronHarness env = new CronHarness()
            .env("TELEGRAM_WEBHOOK_SECRET", SECRET)
            .env("TELEGRAM_BOT_TOKEN", TOKEN)
            .env("TELEGRAM_BASE_URL", telegram.baseUri().toString())
            .env("TELEGRAM_CHAT_ID", SERVICE_CHAT)
            .env("TELEGRAM_ALLOWED_CHAT_IDS", ADA.id() + ", " + TRADERS.id());
    private final TelegramUpdates updates = new TelegramUpdates();
    private final CronHarness.ApiContainer api;

    TelegramBotCommandsTest() {
        env.market.list("AAPL", 190);
        env.market.list("MSFT", 410);
        api = env.api();
    }

    @AfterEach
    void close() {
        env.close();
        telegram.close();
        assertNoSecretLogged(env.log);
    }

    static void assertNoSecretLogged(List<String> log) {
        for (String line : log) {
            assertFalse(line.contains(TOKEN) || line.contains(TOKEN.substring(TOKEN.indexOf(':') + 1)), "the bot token was logged: " + line);
            assertFalse(line.contains(SECRET), "the webhook secret was logged: " + line);
        }
    }

    /**
     * The method call the webhook answered with (status 200, JSON). The clock moves a second first: alert ids made in
     * one millisecond have no order among themselves, and a person types slower than that.
     */
    private JsonNode send(Chat chat, String text) {
        env.clock.advance(Duration.ofSeconds(1));
        return answer(updates.message(chat, text));
    }

    private JsonNode answer(String update) {
        APIGatewayProxyResponseEvent response = api.call(TelegramUpdates.event(update, SECRET));
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("application/json", response.getHeaders().get("Content-Type"));
        return ApiEvents.json(response.getBody());
    }

    private static String text(JsonNode call) {
        return call.get("text").asText();
    }

    private JsonNode apiAlerts() {
        APIGatewayProxyResponseEvent list = api.call("GET", "/alerts", null);
        assertEquals(200, list.getStatusCode());
        return ApiEvents.json(list.getBody()).get("alerts");
    }

    @Test
    void priceAnswersWithTheQuoteInThePlainSendMessageOfTheWebhookResponse() {
        JsonNode call = send(ADA, "/price aapl");
        assertEquals("sendMessage", call.get("method").asText());
        assertTrue(call.get("chat_id").isIntegralNumber(), call.toString());
        assertEquals(ADA.id(), call.get("chat_id").asLong());
        assertFalse(call.has("parse_mode"), "nothing is read as markup");
        assertTrue(text(call).startsWith("AAPL 190.00"), text(call));
        assertTrue(text(call).contains("since the previous close"), text(call));
        assertTrue(text(call).contains("Day range"), text(call));
        assertTrue(text(call).contains("From yahoo"), text(call));

        assertEquals("No quote provider knows NOPE.", text(send(ADA, "/price NOPE")));
        assertTrue(text(send(ADA, "/price")).contains("Usage: /price SYMBOL"));
        assertTrue(text(send(ADA, "/price@stock_alerts_bot MSFT")).startsWith("MSFT 410.00"), "addressed to the bot in a group");
    }

    @Test
    void alertIsCreatedForThisChatWithTheApisRulesAndTheApiShowsItsChat() {
        String answer = text(send(ADA, "/alert AAPL above 200 earnings run-up"));
        assertTrue(answer.startsWith("Alert set: AAPL above 200.00, once (earnings run-up). Id "), answer);

        JsonNode alerts = apiAlerts();
        assertEquals(1, alerts.size());
        JsonNode alert = alerts.get(0);
        assertEquals("ABOVE", alert.get("condition").asText());
        assertEquals(200, alert.get("level").asDouble());
        assertEquals("earnings run-up", alert.get("note").asText());
        assertEquals("[\"telegram\"]", alert.get("channels").toString());
        assertEquals(Long.toString(ADA.id()), alert.get("telegramChat").asText());
        assertTrue(answer.contains("Id " + alert.get("id").asText().substring(30)), answer);

        assertTrue(text(send(ADA, "/alert MSFT crosses below 400 hysteresis 5")).startsWith(
                "Alert set: MSFT crosses below 400.00, again after moving back 5"));
        assertTrue(text(send(ADA, "/alert AAPL move -5% cooldown 1h30m")).startsWith(
                "Alert set: AAPL down 5% on the day, at most every 1h30m"));
        assertEquals(3, apiAlerts().size());
        JsonNode cooldown = apiAlerts().get(2).get("rearm");
        assertEquals("{\"policy\":\"COOLDOWN\",\"cooldown\":\"PT1H30M\"}", cooldown.toString());
    }

    @Test
    void anAlertTheRulesRefuseIsNotCreatedAndTheAnswerSaysWhyWithTheUsage() {
        String tooHigh = text(send(ADA, "/alert AAPL above 2000000000"));
        assertTrue(tooHigh.startsWith("I can't set that alert:\n- the level must be a positive price from 0.00000001 to 1000000000"), tooHigh);
        assertTrue(tooHigh.contains("Usage: /alert SYMBOL above|below"), tooHigh);
        assertTrue(text(send(ADA, "/alert NOPE above 5")).contains("- no quote provider knows NOPE"));
        assertTrue(text(send(ADA, "/alert AAPL move 0.001%")).contains("- the level must be a percentage from -100 to 1000"));
        assertTrue(text(send(ADA, "/alert AAPL above 200 " + "n".repeat(501))).contains("- the note must be at most 500 characters"));
        assertTrue(text(send(ADA, "/alert AAPL sideways 200")).startsWith("'sideways' is not a condition"));
        assertTrue(text(send(ADA, "/alert AAPL above two hundred")).startsWith("'two' is not a price"));
        assertTrue(text(send(ADA, "/alert AAPL above 200 cooldown soon")).startsWith("Cooldown needs a time such as 30m"));
        assertTrue(text(send(ADA, "/alert AAPL")).startsWith("It needs a symbol, a condition and a level.\nUsage: /alert"));
        assertEquals(0, apiAlerts().size(), "nothing created");
    }

    @Test
    void helpStartAndUnknownCommandsSayWhatTheBotDoes() {
        String help = text(send(ADA, "/help"));
        for (String command : List.of("/price", "/alert", "/alerts", "/delete", "/rearm", "/history")) {
            assertTrue(help.contains("\n" + command + " - "), command + " in " + help);
        }
        assertEquals(help, text(send(ADA, "/start")));
        assertEquals("I don't know /buy. /help lists what I can do.", text(send(ADA, "/buy AAPL 10")));
        assertEquals("Send /help to see what I can do.", text(send(ADA, "hello bot")));
        assertEquals(204, api.call(TelegramUpdates.event(updates.message(TRADERS, "anyone up for lunch?"), SECRET)).getStatusCode(),
                "talk in a group is not for the bot");
    }

    @Test
    void alertsListsTheChatsOwnAlertsWithShortIdsAndStatePagedWithButtons() {
        assertEquals("This chat has no alerts yet. Set one with /alert AAPL above 200 earnings run-up.", text(send(ADA, "/alerts")));
        for (int level = 201; level <= 209; level++) send(ADA, "/alert AAPL above " + level);
        send(TRADERS, "/alert MSFT below 300");
        api.call("POST", "/alerts", "{\"symbol\":\"MSFT\",\"condition\":\"BELOW\",\"level\":300}");
        env.clock.advance(Duration.ofSeconds(1));

        JsonNode first = send(ADA, "/alerts");
        String page1 = text(first);
        assertTrue(page1.startsWith("This chat's alerts, 1-8 of 9:"), page1);
        assertTrue(page1.contains("AAPL above 201.00, once\nwatching"), page1);
        assertFalse(page1.contains("MSFT"), "only this chat's alerts: " + page1);
        List<String> ids = new ArrayList<>();
        apiAlerts().forEach(a -> {
            if (a.get("telegramChat").asText().equals(Long.toString(ADA.id()))) ids.add(a.get("id").asText());
        });
        assertEquals(9, ids.size());
        assertTrue(page1.contains("\n\n" + ids.get(0).substring(30) + "  AAPL above 201.00"), page1);
        JsonNode buttons = first.at("/reply_markup/inline_keyboard");
        assertEquals("[[{\"text\":\"page 2 >\",\"callback_data\":\"alerts:2\"}]]", buttons.toString());

        JsonNode edit = answer(updates.buttonPress(ADA, 1001, "alerts:2"));
        assertEquals("editMessageText", edit.get("method").asText());
        assertEquals(ADA.id(), edit.get("chat_id").asLong());
        assertEquals(1001, edit.get("message_id").asLong());
        assertTrue(text(edit).startsWith("This chat's alerts, 9-9 of 9:\n\n" + ids.get(8).substring(30) + "  AAPL above 209.00"), text(edit));
        assertEquals("[[{\"text\":\"< page 1\",\"callback_data\":\"alerts:1\"}]]", edit.at("/reply_markup/inline_keyboard").toString());
        assertEquals(204, api.call(TelegramUpdates.event(updates.buttonPress(ADA, 1001, "something-else"), SECRET)).getStatusCode());

        assertTrue(text(send(TRADERS, "/alerts")).startsWith("This chat's alert:\n\n"), "the group sees its one alert");
    }

    @Test
    void deleteRearmAndHistoryTakeAShortOrWholeIdOfThisChatsAlerts() {
        send(ADA, "/alert AAPL above 200");
        send(TRADERS, "/alert MSFT below 400");
        String mine = null;
        String theirs = null;
        for (JsonNode a : apiAlerts()) {
            if (a.get("telegramChat").asText().equals(Long.toString(ADA.id()))) mine = a.get("id").asText();
            else theirs = a.get("id").asText();
        }
        String shortId = mine.substring(30);

        assertEquals("AAPL above 200.00, once has not fired yet.", text(send(ADA, "/history " + shortId.toUpperCase())));
        assertEquals("AAPL above 200.00, once is armed already: nothing to re-arm.", text(send(ADA, "/rearm " + mine)));
        String notOurs = text(send(ADA, "/delete " + theirs));
        assertTrue(notOurs.startsWith("No alert of this chat has the id " + theirs + ". /alerts lists them."), notOurs);
        assertTrue(text(send(ADA, "/delete")).startsWith("Which alert? /alerts shows their ids.\nUsage: /delete ID"));
        assertTrue(text(send(ADA, "/delete a b")).startsWith("One id at a time."));
        assertTrue(text(send(ADA, "/delete <script>")).startsWith("'<script>' is not an alert id"));

        assertEquals("Deleted: AAPL above 200.00, once. It is no longer checked.", text(send(ADA, "/delete " + shortId)));
        assertEquals(1, apiAlerts().size(), "the other chat's alert stays");
        assertTrue(text(send(ADA, "/delete " + shortId)).startsWith("No alert of this chat has the id " + shortId));
    }

    @Test
    void anAmbiguousShortIdIsRefusedNamingTheAlertsItFits() {
        for (int i = 0; i < 20; i++) send(ADA, "/alert AAPL above " + (300 + i));
        List<String> ids = new ArrayList<>();
        apiAlerts().forEach(a -> ids.add(a.get("id").asText()));
        // One hex digit fits about a sixteenth of the ids: with 20 of them, some digit fits two or more.
        String digit = null;
        for (char c : "0123456789abcdef".toCharArray()) {
            if (ids.stream().filter(id -> id.endsWith(String.valueOf(c))).count() >= 2) digit = String.valueOf(c);
        }
        String answer = text(send(ADA, "/rearm " + digit));
        assertTrue(answer.startsWith(digit + " fits "), answer);
        assertTrue(answer.contains("alerts; send more of its id:\n"), answer);
        assertEquals(20, apiAlerts().size());
    }

    @Test
    void anAlertMadeInAChatFiresToThatChatAndOneMadeThroughTheApiToTheServicesChat() {
        send(ADA, "/alert AAPL above 200");
        APIGatewayProxyResponseEvent viaApi = api.call("POST", "/alerts",
                "{\"symbol\":\"AAPL\",\"condition\":\"ABOVE\",\"level\":199,\"channels\":[\"telegram\"]}");
        assertEquals(201, viaApi.getStatusCode(), viaApi.getBody());
        env.market.set("AAPL", 205);

        CronHarness.Container cron = env.container();
        assertEquals(2, cron.run().get("alertsFired"));
        assertTrue(telegram.awaitRequests(2, Duration.ofSeconds(5)));
        List<String> chats = new ArrayList<>();
        for (LoopbackHttpServer.Request r : telegram.requests()) {
            assertEquals("/bot" + TOKEN + "/sendMessage", r.path());
            JsonNode body = ApiEvents.json(r.body());
            chats.add(body.get("chat_id").asText() + " " + body.get("text").asText().substring(0, 17));
        }
        chats.sort(null);
        assertEquals(List.of("-1009999 AAPL ABOVE 199.00", "424242 AAPL ABOVE 200.00"), chats);

        String chatAlert = null;
        for (JsonNode a : apiAlerts()) if (!a.get("telegramChat").isNull()) chatAlert = a.get("id").asText();
        String history = text(send(ADA, "/history " + chatAlert));
        assertTrue(history.startsWith("AAPL above 200.00, once: its firing\n2026-11-23 14:00 UTC at 205.00: telegram delivered"), history);
        env.clock.advance(Duration.ofMinutes(5));
        cron.run();
        String listed = text(send(ADA, "/alerts"));
        assertTrue(listed.contains("fired 2026-11-23 14:00 UTC at 205.00; off until /rearm "), listed);
        String rearm = text(send(ADA, "/rearm " + chatAlert));
        assertEquals("Re-arm requested: AAPL above 200.00, once. The next check, within 5 minutes, watches it again.", rearm);
    }
}
