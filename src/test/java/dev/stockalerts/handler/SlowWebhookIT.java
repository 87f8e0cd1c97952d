package dev.stockalerts.handler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.Condition;
import dev.stockalerts.alert.RearmPolicy;
import dev.stockalerts.local.WebhookReceiver;
import dev.stockalerts.testing.ApiEvents;
import dev.stockalerts.testing.CronHarness;
import dev.stockalerts.testing.Figures;
import dev.stockalerts.testing.InvokeResult;
import dev.stockalerts.testing.FaultyDynamoProxy;
import dev.stockalerts.testing.LambdaSandbox;
import dev.stockalerts.testing.LoopbackHttpServer;
import dev.stockalerts.testing.LoopbackHttpServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Field reports 1 and 2 of issue 8: 30 firings to a webhook that stalls its body after {@code 200}, or never answers,
 * under the real Lambda runtime (the deployment jar under the RIC, a 20 s deadline enforced by SIGKILL). Before the
 * delivery redesign, sends went one at a time without a total timeout: the run was still on the first firing when it
 * was killed, and every run sent that first firing again.
 * <p>The runs that need the real runtime and deadline go to a {@link LambdaSandbox} (system clock); the retries that
 * need the 5-minute schedule to move go to an in-process {@link CronHarness} whose clock starts at the same real
 * time, on the same table, once the sandbox's container is gone.
 */
class SlowWebhookIT {
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final int FIRINGS = 30;

    private final CronHarness harness = new CronHarness(Instant.now());
    private final LoopbackHttpServer webhook = LoopbackHttpServer.start();
    private final FaultyDynamoProxy dynamo = FaultyDynamoProxy.inFrontOfLocalDynamo();

    SlowWebhookIT() {
        harness.env("ALERT_WEBHOOK_URL", webhook.uri("/alerts").toString()); // for the sandbox and the later containers
    }

    @AfterEach
    void close() {
        webhook.close();
        dynamo.close();
        harness.close();
    }

    private LambdaSandbox cron() {
        return harness.sandbox("dev.stockalerts.handler.AlertsCronFunction::handleRequest", dynamo.endpoint()).build();
    }

    /** Alerts a1..a30 on AAPL above 200, firing once at the current price of 205. */
    private void thirtyAlertsAboutToFire() {
        harness.market.set("AAPL", 205);
        for (int i = 1; i <= FIRINGS; i++) {
            harness.putAlert(new Alert("a" + i, "AAPL", Condition.ABOVE, 200, RearmPolicy.once(), List.of("webhook"),
                    harness.clock.instant()));
        }
    }

    /** How many requests reached the webhook per alert id. */
    private Map<String, Long> arrivalsPerAlert() {
        return webhook.requests().stream().map(LoopbackHttpServer.Request::body)
                .map(body -> ApiEvents.json(body).get("alertId").asText())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /** The run's wall time as the runtime saw it (event delivered to response) and as the function measured it. */
    private static String figures(InvokeResult run) {
        JsonNode report = run.json();
        return String.format(java.util.Locale.ROOT,
                "%d firings, deadline %d s (the function answers by %.1f s): invocation %d ms (function's own report %d ms);"
                        + " delivered %d, unanswered %d, owed %d",
                FIRINGS, DEADLINE.toSeconds(), (DEADLINE.toMillis() - AlertsCronFunction.MARGIN.toMillis()) / 1000.0,
                run.duration().toMillis(), report.get("durationMs").asLong(), report.get("notificationsSent").asInt(),
                report.get("deliveriesUnanswered").asInt(), report.get("deliveriesOwed").asInt());
    }

    @Test
    void thirtyFiringsToAWebhookThatStallsItsBodyAfter200AreEachDeliveredOnceWellBeforeTheDeadline() {
        thirtyAlertsAboutToFire();
        webhook.routeAll(Response.of(200, "").withStalledBody()); // a 200 status line, then a body that never comes
        try (LambdaSandbox cron = cron()) {
            InvokeResult first = cron.invoke(LambdaSandbox.sampleEvent("schedule.json"), DEADLINE);

            JsonNode report = first.json();
            assertEquals(FIRINGS, report.get("alertsFired").asInt(), first::describe);
            assertEquals(FIRINGS, report.get("notificationsSent").asInt(), "a 2xx status line is a delivery: " + first.describe());
            assertEquals(0, report.get("deliveriesOwed").asInt(), first::describe);
            // Waiting for the bodies would take two HTTP_TIMEOUTs (6 s) and end unanswered; under a second when not.
            assertTrue(first.duration().compareTo(DEADLINE.dividedBy(4)) < 0, "the stalled bodies are not waited for: " + first.duration());
            assertEquals(FIRINGS, arrivalsPerAlert().size());
            assertTrue(arrivalsPerAlert().values().stream().allMatch(n -> n == 1), arrivalsPerAlert()::toString);

            InvokeResult second = cron.invoke(LambdaSandbox.sampleEvent("schedule.json"), DEADLINE);

            assertFalse(second.cold(), "the same container answers the second run");
            assertEquals(0, second.json().get("alertsFired").asInt(), second::describe);
            assertEquals(0, second.json().get("notificationsSent").asInt(), second::describe);
            assertEquals(FIRINGS, webhook.requests().size(), "nothing is sent again");
            Figures.record("stalled-body-webhook", figures(first));
        }
    }

    @Test
    void thirtyFiringsToAWebhookThatNeverAnswersEndTheRunInTimeAreRetriedOnceClaimedFirstThenGivenUpWithOneNotice() {
        thirtyAlertsAboutToFire();
        webhook.hang();
        try (LambdaSandbox cron = cron()) {
            InvokeResult first = cron.invoke(LambdaSandbox.sampleEvent("schedule.json"), DEADLINE);

            JsonNode report = first.json(); // a response, not a timeout: the run answered before its deadline
            assertEquals(FIRINGS, report.get("alertsFired").asInt(), first::describe);
            assertEquals(FIRINGS, report.get("deliveriesUnanswered").asInt(), first::describe);
            assertEquals(FIRINGS, report.get("deliveriesOwed").asInt(), first::describe);
            assertTrue(first.duration().compareTo(DEADLINE.minus(AlertsCronFunction.MARGIN)) < 0, first::describe);
            assertEquals(FIRINGS, arrivalsPerAlert().size());
            Figures.record("silent-webhook", figures(first));

            InvokeResult soon = cron.invoke(LambdaSandbox.sampleEvent("schedule.json"), DEADLINE);

            assertFalse(soon.cold());
            assertEquals(0, soon.json().get("deliveriesUnanswered").asInt(), "not due yet: " + soon.describe());
            assertEquals(FIRINGS, webhook.requests().size(), "the next run seconds later sends nothing");
        }

        // The container is gone; the retries are due 5 and then 10 minutes later.
        try (WebhookReceiver admin = new WebhookReceiver(body -> {})) {
            harness.env("ADMIN_WEBHOOK_URL", admin.baseUri() + "/admin")
                    .env("HTTP_TIMEOUT", "PT0.5S");
            CronHarness.Container later = harness.container();
            harness.clock.advance(Duration.ofMinutes(5));
            Map<String, Object> retry = later.run();

            assertEquals(FIRINGS, retry.get("deliveriesUnanswered"), retry::toString);
            assertEquals(2 * FIRINGS, webhook.requests().size(), "each firing retried once");
            assertTrue(arrivalsPerAlert().values().stream().allMatch(n -> n == 2), arrivalsPerAlert()::toString);

            harness.clock.advance(Duration.ofMinutes(10));
            Map<String, Object> giveUp = later.run();
            for (int run = 0; run < 12; run++) {
                harness.clock.advance(Duration.ofMinutes(10));
                later.run();
            }
            CronHarness.Container recycled = harness.container();
            harness.clock.advance(Duration.ofMinutes(5));
            Map<String, Object> afterRecycle = recycled.run();

            assertEquals(FIRINGS, giveUp.get("deliveriesGivenUp"), giveUp::toString);
            assertEquals(0, giveUp.get("deliveriesOwed"), giveUp::toString);
            assertEquals(0, afterRecycle.get("deliveriesOwed"), "nothing left owed in the table: " + afterRecycle);
            assertEquals(2 * FIRINGS, webhook.requests().size(), "never a third arrival");
            assertEquals(1, admin.bodies().size(), "one admin notice for the whole give-up: " + admin.bodies());
            assertTrue(admin.bodies().get(0).contains(FIRINGS + " deliveries given up"), admin.bodies()::toString);
        }
    }
}
