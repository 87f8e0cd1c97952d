package dev.stockalerts.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.Condition;
import dev.stockalerts.alert.RearmPolicy;
import dev.stockalerts.testing.ApiEvents;
import dev.stockalerts.testing.CronHarness;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every events/api-*.json (the files for `sam local invoke -e`) goes through the handler with the status it should get. */
class SampleApiEventsTest {
    /** The id the get/rearm/delete samples use. */
    static final String SAMPLE_ALERT = "3f6c1a52-8d0e-4b7a-9c21-5e4f2d7a9b10";

    /** The webhook secret token the Telegram sample carries, and the chat it comes from. */
    static final String SAMPLE_SECRET = "sample_webhook-Secret42";
    static final String SAMPLE_CHAT = "424242";

        /** In the order they run: delete last, so get, edit and rearm find the alert. */
    static final Map<String, Integer> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("api-get-stock.json", 200);
        EXPECTED.put("api-create-alert.json", 201);
        EXPECTED.put("api-list-alerts.json", 200);
        EXPECTED.put("api-list-alerts-page.json", 200);
        EXPECTED.put("api-get-alert.json", 200);
        EXPECTED.put("api-edit-alert.json", 200);
        EXPECTED.put("api-rearm-alert.json", 202);
        EXPECTED.put("api-alert-history.json", 200);
        EXPECTED.put("api-delete-alert.json", 204);
        EXPECTED.put("api-telegram-update.json", 200);
    }

    @Test
    void everySampleEventGetsItsStatus() throws IOException {
        Path events = Path.of("events");
        try (Stream<Path> files = Files.list(events)) {
            assertEquals(new TreeSet<>(EXPECTED.keySet()), files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("api-") && n.endsWith(".json")).collect(TreeSet::new, TreeSet::add, TreeSet::addAll),
                    "every sample has an expected status here");
        }
        try (CronHarness env = withTelegramBot(new CronHarness())) {
            env.market.list("AAPL", 190);
            env.putAlert(new Alert(SAMPLE_ALERT, "AAPL", Condition.BELOW, 150, RearmPolicy.once(), List.of("webhook"), CronHarness.T0));
            CronHarness.ApiContainer api = env.api();
            for (Map.Entry<String, Integer> sample : EXPECTED.entrySet()) {
                APIGatewayProxyRequestEvent event = ApiEvents.load(events.resolve(sample.getKey()));
                APIGatewayProxyResponseEvent response = api.call(event);
                assertEquals(sample.getValue(), response.getStatusCode(), sample.getKey() + ": " + response.getBody());
                assertEquals("application/json", response.getHeaders().get("Content-Type"), sample.getKey());
                if (sample.getKey().equals("api-create-alert.json")) {
                    assertTrue(response.getHeaders().get("Location").startsWith("/prod/alerts/"), "stage kept in Location");
                }
            }
        }
    }

    /** The bot on, taking the Telegram sample's secret and chat. */
    static CronHarness withTelegramBot(CronHarness env) {
        return env.env("TELEGRAM_WEBHOOK_SECRET", SAMPLE_SECRET).env("TELEGRAM_ALLOWED_CHAT_IDS", SAMPLE_CHAT);
    }

    @Test
    void createSampleIsBase64EncodedLikeABinaryMediaTypeBody() {
        APIGatewayProxyRequestEvent event = ApiEvents.load(Path.of("events", "api-create-alert.json"));
        assertTrue(event.getIsBase64Encoded());
        assertEquals("prod", event.getRequestContext().getStage());
    }
}
