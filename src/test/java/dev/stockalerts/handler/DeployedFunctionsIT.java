package dev.stockalerts.handler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.Condition;
import dev.stockalerts.alert.RearmPolicy;
import dev.stockalerts.local.WebhookReceiver;
import dev.stockalerts.testing.ApiEvents;
import dev.stockalerts.testing.CronHarness;
import dev.stockalerts.testing.FaultyDynamoProxy;
import dev.stockalerts.testing.InvokeResult;
import dev.stockalerts.testing.LambdaSandbox;
import dev.stockalerts.testing.LoopbackHttpServer;
import dev.stockalerts.testing.LoopbackHttpServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deployment jar's two functions as Lambda runs them: target/stock-alerts.jar under the real runtime interface
 * client, invoked with the sample events byte for byte, against DynamoDB Local (through the fault proxy, faults
 * off), the simulated market in Yahoo's format and a webhook receiver, all on 127.0.0.1.
 */
class DeployedFunctionsIT {
    /** The functions' Timeout in template.yaml. */
    private static final Duration CRON_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration API_TIMEOUT = Duration.ofSeconds(10);

    /** Its clock starts at the real time: the functions' JVMs run on the system clock. */
    private final CronHarness harness = new CronHarness(Instant.now());
    private final FaultyDynamoProxy dynamo = FaultyDynamoProxy.inFrontOfLocalDynamo();

    @AfterEach
    void close() {
        dynamo.close();
        harness.close();
    }

    private LambdaSandbox function(String handler) {
        return function(handler, Map.of());
    }

    /** The function with the harness's settings, {@code overrides} replacing or adding some. */
    private LambdaSandbox function(String handler, Map<String, String> overrides) {
        return harness.sandbox(handler, dynamo.endpoint()).env(overrides).build();
    }

    @Test
    void theScheduledFunctionFiresASeededAlertPostsItToTheWebhookAndAnswersItsRunReport() {
        harness.oneAlertAboutToFire();
        try (LambdaSandbox cron = function("dev.stockalerts.handler.AlertsCronFunction::handleRequest")) {
            InvokeResult run = cron.invoke(LambdaSandbox.sampleEvent("schedule.json"), CRON_TIMEOUT);

            JsonNode report = run.json();
            assertEquals(1, report.get("alertsChecked").asInt(), run::describe);
            assertEquals(1, report.get("alertsFired").asInt(), run::describe);
            assertEquals(1, report.get("notificationsSent").asInt(), run::describe);
            assertEquals(1, harness.webhook.bodies().size());
            assertTrue(harness.webhook.bodies().get(0).contains("AAPL"), harness.webhook.bodies()::toString);
            assertTrue(dynamo.requests("TransactWriteItems") >= 1, "the firing was claimed through the proxy: " + dynamo.describe());
            assertTrue(run.logs().stream().anyMatch(l -> l.startsWith("{") && l.contains("\"_aws\"")),
                    "the run report goes to the log as one EMF line: " + run.describe());
        }
    }

    @Test
    void theApiFunctionAnswersAQuoteForTheSampleApiGatewayEvent() {
        harness.market.set("AAPL", 205);
        try (LambdaSandbox api = function("dev.stockalerts.handler.StockApiFunction::handleRequest")) {
            InvokeResult call = api.invoke(LambdaSandbox.sampleEvent("api-get-stock.json"), API_TIMEOUT);

            JsonNode response = call.json();
            assertEquals(200, response.get("statusCode").asInt(), call::describe);
            JsonNode quote = ApiEvents.json(response.get("body").asText());
            assertEquals("AAPL", quote.get("symbol").asText(), quote::toString);
            assertEquals(205.0, quote.get("price").asDouble(), quote::toString);
            assertEquals(1, harness.yahoo.requests());
        }
    }

    @Test
    void aFailingProviderReachesTheAdminWebhookOnceAcrossContainersThroughTheSharedThrottle() {
        WebhookReceiver admin = new WebhookReceiver(body -> {});
        try (LoopbackHttpServer failingYahoo = LoopbackHttpServer.start().routeAll(Response.of(503, ""));
             admin) {
            Map<String, String> env = Map.of("YAHOO_BASE_URL", failingYahoo.baseUri().toString(),
                    "THROTTLE_SHARED", "true", "ADMIN_WEBHOOK_URL", admin.baseUri() + "/admin");
            harness.putAlert(new Alert("a1", "AAPL", Condition.ABOVE, 200, RearmPolicy.once(), List.of("webhook"), harness.clock.instant()));
            try (LambdaSandbox first = function("dev.stockalerts.handler.AlertsCronFunction::handleRequest", env);
                 LambdaSandbox second = function("dev.stockalerts.handler.AlertsCronFunction::handleRequest", env);
                 LambdaSandbox api = function("dev.stockalerts.handler.StockApiFunction::handleRequest", env)) {
                InvokeResult run = first.invoke(LambdaSandbox.sampleEvent("schedule.json"), CRON_TIMEOUT);
                assertEquals("AAPL", run.json().get("symbolsUnavailable").get(0).asText(), run::describe);
                second.invoke(LambdaSandbox.sampleEvent("schedule.json"), CRON_TIMEOUT);
                InvokeResult quote = api.invoke(LambdaSandbox.sampleEvent("api-get-stock.json"), API_TIMEOUT);
                assertEquals(502, quote.json().get("statusCode").asInt(), quote::describe); // providers unavailable

                assertEquals(1, admin.bodies().size(), "one notice for three containers: " + admin.bodies());
                JsonNode notice = ApiEvents.json(admin.bodies().get(0));
                assertEquals("yahoo:SERVER_ERROR", notice.get("key").asText());
                assertEquals("quote provider yahoo failing: SERVER_ERROR: HTTP 503 for /v8/finance/chart/AAPL", notice.get("message").asText());
                assertTrue(second.logs().stream().noneMatch(l -> l.contains("[Admin]")), "the second container was throttled by the first");
            }
        }
    }
}
