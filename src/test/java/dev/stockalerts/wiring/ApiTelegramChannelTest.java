package dev.stockalerts.wiring;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.stockalerts.testing.CronHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The API never reads the Telegram token (only the scheduled function sends), yet accepts the channel it has. */
class ApiTelegramChannelTest {
    private static final String TELEGRAM_ALERT =
            "{\"symbol\":\"AAPL\",\"condition\":\"ABOVE\",\"level\":200,\"channels\":[\"telegram\"]}";
    private final CronHarness env = new CronHarness();

    ApiTelegramChannelTest() {
        env.market.list("AAPL", 190);
    }

    @AfterEach
    void close() {
        env.close();
    }

    @Test
    void acceptsTelegramAlertsWhenTheTokenIsNamedInSsmAndAChatIsSet() {
        env.env("TELEGRAM_CHAT_ID", "-1001234").env("TELEGRAM_BOT_TOKEN_PARAMETER", "/stock-alerts/telegram-bot-token");
        APIGatewayProxyResponseEvent response = env.api().call("POST", "/alerts", TELEGRAM_ALERT);
        assertEquals(201, response.getStatusCode(), response.getBody());
    }

    @Test
    void refusesTelegramAlertsWhenTelegramIsNotConfigured() {
        env.env("TELEGRAM_BOT_TOKEN_PARAMETER", "/stock-alerts/telegram-bot-token"); // no chat: nowhere to send
        APIGatewayProxyResponseEvent response = env.api().call("POST", "/alerts", TELEGRAM_ALERT);
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertTrue(response.getBody().contains("telegram"), response.getBody());
    }
}
