package dev.stockalerts.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stockalerts.testing.ApiEvents;
import dev.stockalerts.testing.CronHarness;
import dev.stockalerts.testing.FaultyDynamoProxy;
import dev.stockalerts.testing.TelegramUpdates;
import dev.stockalerts.testing.TelegramUpdates.Chat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.stockalerts.handler.TelegramBotCommandsTest.ADA;
import static dev.stockalerts.handler.TelegramBotCommandsTest.SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may command the bot through POST /telegram/webhook, and what Telegram must not resend: the secret token, the
 * allowed chats, updates that are no command, bodies that are no update, and each update changing alerts at most
 * once however often Telegram delivers it, also when the answer to the first delivery was lost.
 */
class TelegramWebhookTest {
    private static final Chat STRANGER = Chat.person(31337);

    private final FaultyDynamoProxy dynamo = FaultyDynamoProxy.inFrontOfLocalDynamo();
    private final CronHarness env = new CronHarness()
            .env("TELEGRAM_WEBHOOK_SECRET", SECRET)
            .env("TELEGRAM_ALLOWED_CHAT_IDS", Long.toString(ADA.id()))
            .env("TELEGRAM_BOT_TOKEN_PARAMETER", "/stock-alerts/telegram-bot-token")
            .dynamo(dynamo.endpoint());
    private final TelegramUpdates updates = new TelegramUpdates();
    private final CronHarness.ApiContainer api;

    TelegramWebhookTest() {
        env.market.list("AAPL", 190);
        api = env.api();
    }

    @AfterEach
    void close() {
        env.close();
        dynamo.close();
        TelegramBotCommandsTest.assertNoSecretLogged(env.log);
    }

    private APIGatewayProxyResponseEvent post(String update, String secret) {
        return api.call(TelegramUpdates.event(update, secret));
    }

    /** Through the handler in an invocation with a second and a half left, of which the answer keeps half a second. */
    private APIGatewayProxyResponseEvent withinOneSecond(String update) {
        return ApiEvents.invoke(api.handler(), TelegramUpdates.event(update, SECRET), new InvocationContext(Duration.ofMillis(1500)));
    }

    private int alerts() {
        return ApiEvents.json(api.call("GET", "/alerts", null).getBody()).get("alerts").size();
    }

    @Test
    void aWrongOrMissingSecretIsAnswered401AndChangesNothing() {
        String update = updates.message(ADA, "/alert AAPL above 200");
        for (String wrong : new String[] {null, "", "webhook_Secret-012345678", SECRET + "0", SECRET.toLowerCase()}) {
            APIGatewayProxyResponseEvent response = post(update, wrong);
            assertEquals(401, response.getStatusCode(), wrong);
            assertEquals("{\"error\":\"unauthorized\"}", response.getBody());
        }
        assertEquals(0, alerts());
        // Header names are case-insensitive; API Gateway passes on the client's spelling.
        var lowerCase = ApiEvents.request("POST", TelegramUpdates.WEBHOOK, update);
        lowerCase.setHeaders(java.util.Map.of("content-type", "application/json", "x-telegram-bot-api-secret-token", SECRET));
        assertEquals(200, api.call(lowerCase).getStatusCode());
        assertEquals(1, alerts());
    }

    @Test
    void withNoSecretConfiguredTheBotIsOff() {
        try (CronHarness off = new CronHarness().env("TELEGRAM_ALLOWED_CHAT_IDS", Long.toString(ADA.id()))) {
            APIGatewayProxyResponseEvent response = off.api().call(TelegramUpdates.event(updates.message(ADA, "/help"), SECRET));
            assertEquals(401, response.getStatusCode());
        }
    }

    @Test
    void anUpdateFromAChatNotAllowedIsAnswered2xxAndChangesNothing() {
        APIGatewayProxyResponseEvent response = post(updates.message(STRANGER, "/alert AAPL above 200"), SECRET);
        assertEquals(204, response.getStatusCode(), "Telegram must not resend it");
        assertNull(response.getBody());
        assertEquals(204, post(updates.buttonPress(STRANGER, 5, "alerts:1"), SECRET).getStatusCode());
        assertEquals(0, alerts());
        assertTrue(env.log.stream().anyMatch(l -> l.contains("from chat 31337 was ignored: the chat is not allowed")), env.log.toString());
    }

    @Test
    void editsPhotosAndStickersAreIgnored() {
        assertEquals(204, post(updates.edit(ADA, "/alert AAPL above 100"), SECRET).getStatusCode());
        assertEquals(204, post(updates.photo(ADA, "/alert AAPL above 100"), SECRET).getStatusCode());
        assertEquals(204, post(updates.sticker(ADA), SECRET).getStatusCode());
        assertEquals(0, alerts());
    }

    @Test
    void aBodyThatIsNoUpdateIsAnswered2xxNotResentForever() {
        for (String body : new String[] {"{not json", "[1,2]", "{}", "{\"update_id\":\"12\",\"message\":{}}", "",
                "{\"update_id\":12,\"message\":{\"chat\":{\"id\":\"424242\"},\"text\":\"/help\"}}"}) {
            APIGatewayProxyResponseEvent response = post(body, SECRET);
            assertEquals(204, response.getStatusCode(), body);
        }
        assertEquals(401, post("{not json", "nope").getStatusCode(), "the secret is checked first");
    }

    @Test
    void anUpdateOver64KiBIsDroppedUnreadWith2xxButOnlyWithTheSecret() {
        String huge = updates.message(ADA, "/alert AAPL above 200 " + "x".repeat(70_000));
        assertTrue(huge.length() > 64 * 1024);
        assertEquals(401, post(huge, null).getStatusCode());
        assertEquals(401, post(huge, "wrong").getStatusCode());
        assertEquals(204, post(huge, SECRET).getStatusCode());
        assertEquals(0, alerts());
        assertTrue(env.log.stream().anyMatch(l -> l.startsWith("[Bot] An update of ") && l.contains("bytes was dropped unread")), env.log.toString());
        // The other routes keep their 413.
        assertEquals(413, api.call("POST", "/alerts", "{\"note\":\"" + "x".repeat(70_000) + "\"}").getStatusCode());
    }

    @Test
    void aResentUpdateCreatesOneAlertAndGetsTheSameAnswer() {
        long updateId = updates.nextUpdateId();
        String update = updates.message(updateId, ADA, "/alert AAPL above 200");
        APIGatewayProxyResponseEvent first = post(update, SECRET);
        APIGatewayProxyResponseEvent again = post(update, SECRET);
        assertEquals(200, again.getStatusCode());
        assertEquals(first.getBody(), again.getBody());
        assertEquals(1, alerts());
        assertTrue(env.log.stream().anyMatch(l -> l.contains("Update telegram/424242/" + updateId + " was answered before")), env.log.toString());

        // The same text in a new update is a new alert: the person asked twice.
        assertEquals(200, post(updates.message(ADA, "/alert AAPL above 200"), SECRET).getStatusCode());
        assertEquals(2, alerts());
    }

    @Test
    void anUpdateWhoseAnswerWasLostAfterItsAlertWasWrittenCreatesOneAlertWhenResent() {
        assertEquals(200, post(updates.message(ADA, "/alert AAPL below 150"), SECRET).getStatusCode()); // counts the alerts
        env.clock.advance(Duration.ofSeconds(1));
        String update = updates.message(ADA, "/alert AAPL above 200 lost answer");
        // Every attempt of the create's transaction commits, then DynamoDB's answer is a 500: the SDK's retries too.
        dynamo.on("TransactWriteItems").commitThenInternalError();
        APIGatewayProxyResponseEvent lost = withinOneSecond(update);
        assertTrue(lost.getStatusCode() >= 500, "not 2xx, so Telegram resends it: " + lost.getStatusCode());
        dynamo.clearRules();
        assertEquals(2, alerts(), "the alert was written: " + dynamo.describe());

        JsonNode resent = ApiEvents.json(post(update, SECRET).getBody());
        assertTrue(resent.get("text").asText().startsWith("Alert set: AAPL above 200.00, once (lost answer). Id "), resent.toString());
        assertEquals(2, alerts(), "one alert, not two");
    }

    @Test
    void aResentDeleteAnswersAsTheFirstDidInsteadOfNotFound() {
        post(updates.message(ADA, "/alert AAPL above 200"), SECRET);
        String id = ApiEvents.json(api.call("GET", "/alerts", null).getBody()).at("/alerts/0/id").asText();
        String delete = updates.message(ADA, "/delete " + id.substring(30));
        env.clock.advance(Duration.ofSeconds(1));
        String first = post(delete, SECRET).getBody();
        assertTrue(first.contains("Deleted: AAPL above 200.00, once."), first);
        assertEquals(first, post(delete, SECRET).getBody());
        assertEquals(0, alerts());
    }

    @Test
    void aContendedChangeIsAnswered503SoTelegramResendsIt() {
        dynamo.on("TransactWriteItems").throttlingException();
        APIGatewayProxyResponseEvent busy = withinOneSecond(updates.message(ADA, "/alert AAPL above 200"));
        assertEquals(503, busy.getStatusCode(), busy.getBody());
        dynamo.clearRules();
        assertEquals(0, alerts());
    }
}
