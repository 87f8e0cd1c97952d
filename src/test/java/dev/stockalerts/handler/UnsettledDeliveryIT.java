package dev.stockalerts.handler;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.Condition;
import dev.stockalerts.alert.RearmPolicy;
import dev.stockalerts.testing.CronHarness;
import dev.stockalerts.testing.FaultyDynamoProxy;
import dev.stockalerts.testing.InvokeResult;
import dev.stockalerts.testing.LambdaSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Field report 3 of issue 8, and claims whose outcome the client never saw: DynamoDB fails right after the claim
 * transaction commits. Before the redesign a failed settle was retried only inside a later claim, so quiet runs never
 * wrote it and a recycled container sent the firing again. Each firing must reach the webhook exactly once.
 * <p>The runs that need the real runtime (a warm container, then a recycled one) go to a {@link LambdaSandbox}
 * through a {@link FaultyDynamoProxy}; a claim in doubt for a whole run is retried when due (5 minutes later), so
 * that part runs in an in-process {@link CronHarness} (clock moved by hand) through the same kind of proxy.
 */
class UnsettledDeliveryIT {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final CronHarness harness = new CronHarness(Instant.now());
    private final FaultyDynamoProxy dynamo = FaultyDynamoProxy.inFrontOfLocalDynamo();

    @AfterEach
    void close() {
        dynamo.close();
        harness.close();
    }

    private LambdaSandbox cron() {
        return harness.sandbox("dev.stockalerts.handler.AlertsCronFunction::handleRequest", dynamo.endpoint())
                .env("QUOTE_CACHE_TTL", "PT0S") // each run sees the price the test just set
                .build();
    }

    private InvokeResult run(LambdaSandbox cron) {
        InvokeResult result = cron.invoke(LambdaSandbox.sampleEvent("schedule.json"), DEADLINE);
        assertTrue(result.isResponse(), result::describe);
        return result;
    }

    /** Ledgers in the table, read straight from DynamoDB Local. */
    private int storedLedgers() {
        return harness.states(s -> s.loadAll().ledgers().size());
    }

    @Test
    void aSettlementThatFailsAfterTheClaimCommittedLandsOnAQuietRunAndARecycledContainerSendsNothingAgain() {
        harness.oneAlertAboutToFire();
        // Every way a settlement writes: the batch (ledger delete with its history), the conditional delete, history puts.
        dynamo.on("BatchWriteItem").internalError();
        dynamo.on("DeleteItem").internalError();
        try (LambdaSandbox cron = cron()) {
            InvokeResult fired = run(cron);

            assertEquals(1, fired.json().get("notificationsSent").asInt(), fired::describe);
            assertTrue(fired.logs().stream().anyMatch(l -> l.contains("Could not settle ledger")), fired::describe);
            InvokeResult stillFailing = run(cron);
            assertEquals(1, storedLedgers(), "the settlement has not landed yet");

            dynamo.clearRules();
            InvokeResult quiet = run(cron);
            InvokeResult quietAgain = run(cron);
            assertFalse(quiet.cold() || quietAgain.cold() || stillFailing.cold(), "one warm container so far");
            assertEquals(0, quiet.json().get("alertsFired").asInt(), quiet::describe);
            assertEquals(0, storedLedgers(), "a quiet run with nothing firing wrote the settlement: " + quiet.describe());

            cron.kill();
            InvokeResult recycled = run(cron);

            assertTrue(recycled.cold());
            assertEquals(0, recycled.json().get("notificationsSent").asInt(), recycled::describe);
        }
        assertEquals(1, harness.webhook.bodies().size(), "delivered exactly once: " + harness.webhook.bodies());
    }

    /**
     * The SDK retries a claim whose answer was lost with the same ClientRequestToken, and DynamoDB answers the
     * committed transaction: delivered in the same run, once. First a 500 after the commit, then (a second alert firing
     * in a later run of the same container) a connection dropped after the commit.
     */
    @Test
    void aClaimWhoseAnswerWasLostAfterItCommittedIsDeliveredOnceInTheSameRun() {
        harness.oneAlertAboutToFire();
        harness.putAlert(new Alert("a2", "AAPL", Condition.ABOVE, 210, RearmPolicy.once(), List.of("webhook"), harness.clock.instant()));
        try (LambdaSandbox cron = cron()) {
            dynamo.on("TransactWriteItems").next(1).commitThenInternalError();
            InvokeResult first = run(cron);
            assertEquals(1, first.json().get("notificationsSent").asInt(), first::describe);
            assertEquals(2, dynamo.requests("TransactWriteItems"), "the lost answer was retried: " + dynamo.describe());

            harness.market.set("AAPL", 215);
            dynamo.on("TransactWriteItems").next(1).commitThenDrop();
            InvokeResult second = run(cron);
            assertFalse(second.cold());
            assertEquals(1, second.json().get("notificationsSent").asInt(), second::describe);
            assertEquals(4, dynamo.requests("TransactWriteItems"), dynamo::describe);

            cron.kill();
            InvokeResult recycled = run(cron);
            assertEquals(0, recycled.json().get("notificationsSent").asInt(), recycled::describe);
        }
        assertEquals(2, harness.webhook.bodies().size(), harness.webhook.bodies()::toString);
        assertEquals(0, storedLedgers());
    }

    @Test
    void aClaimThatCommittedButAnswered500ToEveryAttemptIsReadBackAndDeliveredOnceWhenDue() {
        harness.oneAlertAboutToFire();
        harness.dynamo(dynamo.endpoint());
        CronHarness.Container container = harness.container();
        var lostAnswers = dynamo.on("TransactWriteItems").commitThenInternalError();

        java.util.Map<String, Object> inDoubt = container.run();

        assertEquals(1, inDoubt.get("alertsFired"), inDoubt::toString);
        assertEquals(0, harness.webhook.bodies().size(), "nothing is sent on a claim in doubt");
        assertEquals(1, storedLedgers(), "yet the claim did commit");
        lostAnswers.remove();

        harness.clock.advance(Duration.ofMinutes(5));
        java.util.Map<String, Object> readBack = container.run();
        assertTrue(harness.log.stream().anyMatch(l -> l.contains("had committed")), harness.log::toString);
        for (int run = 0; run < 6; run++) {
            harness.clock.advance(Duration.ofMinutes(5));
            container.run();
        }
        harness.clock.advance(Duration.ofMinutes(5));
        java.util.Map<String, Object> recycled = harness.container().run();

        assertEquals(1, harness.webhook.bodies().size(), "delivered once: " + readBack + " " + harness.webhook.bodies());
        assertEquals(0, recycled.get("notificationsSent"), recycled::toString);
        assertEquals(0, storedLedgers());
    }

    @Test
    void aClaimAnswered500WithoutCommittingIsReadBackClaimedAgainAndDeliveredOnce() {
        harness.oneAlertAboutToFire();
        harness.dynamo(dynamo.endpoint());
        CronHarness.Container container = harness.container();
        var failures = dynamo.on("TransactWriteItems").internalError();

        container.run();

        assertEquals(0, storedLedgers(), "nothing committed");
        failures.remove();
        harness.clock.advance(Duration.ofMinutes(5));
        java.util.Map<String, Object> readBack = container.run();

        assertEquals(1, readBack.get("notificationsSent"), readBack::toString);
        assertTrue(harness.log.stream().anyMatch(l -> l.contains("had not committed")), harness.log::toString);
        harness.clock.advance(Duration.ofMinutes(5));
        harness.container().run();
        assertEquals(1, harness.webhook.bodies().size(), harness.webhook.bodies()::toString);
        assertEquals(0, storedLedgers());
    }
}
