package dev.stockalerts.handler;

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
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A container that dies in the middle of a run (SIGKILL, as a crash or a recycled sandbox): what it claimed is in
 * DynamoDB, so a new container delivers it when its retry is due; at least once, at most twice, never a third time.
 * The death happens under the real runtime ({@link LambdaSandbox}, at a precise point through the fault proxy or the
 * webhook); the retry is due 5 minutes later, so the next container is an in-process {@link CronHarness} whose clock
 * starts at the same real time, on the same table.
 */
class DeadContainerIT {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final CronHarness harness = new CronHarness(Instant.now());
    private final FaultyDynamoProxy dynamo = FaultyDynamoProxy.inFrontOfLocalDynamo();
    private static final Response DELIVERED = Response.text(200, "ok");

    private final LoopbackHttpServer webhook = LoopbackHttpServer.start().routeAll(DELIVERED);

    DeadContainerIT() {
        harness.env("ALERT_WEBHOOK_URL", webhook.uri("/alerts").toString()); // for the sandbox and the next container
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

    /** The runs of a new container after the dead one: 5 minutes later (the retry is due), then every 5 for an hour. */
    private List<Map<String, Object>> nextContainerForAnHour() {
        CronHarness.Container next = harness.container();
        List<Map<String, Object>> reports = new java.util.ArrayList<>();
        for (int run = 0; run < 12; run++) {
            harness.clock.advance(Duration.ofMinutes(5));
            reports.add(next.run());
        }
        return reports;
    }

    @Test
    void aContainerKilledRightAfterItsClaimCommittedLeavesTheFiringOwedAndTheNextContainerDeliversItOnce() {
        harness.oneAlertAboutToFire();
        try (LambdaSandbox cron = cron()) {
            dynamo.on("TransactWriteItems").next(1).forwardThen(cron::kill);

            InvokeResult killed = cron.invoke(LambdaSandbox.sampleEvent("schedule.json"), DEADLINE);

            assertEquals("Runtime.ExitError", killed.errorType(), killed::describe);
            assertEquals(0, webhook.requests().size(), "it died before sending");
        }
        List<Map<String, Object>> later = nextContainerForAnHour();

        assertEquals(1, later.get(0).get("notificationsSent"), later.get(0)::toString);
        assertEquals(1, webhook.requests().size(), "delivered once: " + later);
        assertEquals(0, later.get(11).get("deliveriesOwed"));
    }

    @Test
    void aContainerKilledWhileItsWebhookCallWasInFlightIsRetriedOnceAndNeverAThirdTime() {
        harness.oneAlertAboutToFire();
        try (LambdaSandbox cron = cron()) {
            AtomicBoolean first = new AtomicBoolean(true);
            webhook.route("/alerts", request -> {
                if (first.getAndSet(false)) cron.kill(); // the webhook has it; its answer never reaches the container
                return DELIVERED;
            });

            InvokeResult killed = cron.invoke(LambdaSandbox.sampleEvent("schedule.json"), DEADLINE);

            assertEquals("Runtime.ExitError", killed.errorType(), killed::describe);
            assertTrue(webhook.awaitRequests(1, Duration.ofSeconds(5)));
        }
        List<Map<String, Object>> later = nextContainerForAnHour();

        assertEquals(1, later.get(0).get("notificationsSent"), "the unanswered attempt is retried: " + later.get(0));
        assertEquals(2, webhook.requests().size(), "at most twice: " + later);
        assertEquals(0, later.get(11).get("deliveriesOwed"));
    }
}
