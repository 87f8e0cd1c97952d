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
 * Timeouts everywhere, under the real runtime: DynamoDB stops answering (the proxy holds every call) in the middle
 * of a warm container's life. Each call ends by the SDK's attempt and call timeouts, each capped by what is left of
 * the run's deadline, so the run answers before Lambda's end and the container survives with what it could not
 * write still queued; once DynamoDB answers again, a later run of the same container writes and sends it.
 * All in a {@link LambdaSandbox} (system clock, runs seconds apart: the hourly flush is made due on every run).
 */
class StalledDynamoIT {
    /** Short on purpose: the stalled calls alone (5 s call timeout, twice) would outlast it without the per-call cap. */
    private static final Duration TIGHT_DEADLINE = Duration.ofSeconds(9);
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
                .env("STATE_WRITE_INTERVAL", "PT0.001S")
                .env("QUOTE_CACHE_TTL", "PT0S") // each run sees the price the test just set
                .build();
    }

    @Test
    void aRunWhoseDynamoDbStallsAnswersBeforeItsDeadlineAndALaterRunWritesAndSendsWhatItCouldNot() {
        harness.market.set("AAPL", 205);
        harness.putAlert(new Alert("above", "AAPL", Condition.ABOVE, 220, RearmPolicy.once(), List.of("webhook"), harness.clock.instant()));
        harness.putAlert(new Alert("cross", "AAPL", Condition.CROSSES_ABOVE, 210, RearmPolicy.once(), List.of("webhook"), harness.clock.instant()));
        // Crosses to the other side on the next run without firing: a change for the flush, late in that run.
        harness.putAlert(new Alert("side", "AAPL", Condition.CROSSES_BELOW, 215, RearmPolicy.once(), List.of("webhook"), harness.clock.instant()));
        try (LambdaSandbox cron = cron()) {
            InvokeResult healthy = cron.invoke(LambdaSandbox.sampleEvent("schedule.json"), DEADLINE);
            assertEquals(0, healthy.json().get("alertsFired").asInt(), healthy::describe);

            harness.market.set("AAPL", 225); // both fire on the next run
            dynamo.onAny().stall();
            InvokeResult stalled = cron.invoke(LambdaSandbox.sampleEvent("schedule.json"), TIGHT_DEADLINE);

            assertTrue(stalled.isResponse(), "answered its report before the deadline: " + stalled.describe());
            // It may use its time up to the function's own deadline (Lambda's less the margin), never past it.
            assertTrue(stalled.duration().compareTo(TIGHT_DEADLINE.minus(Duration.ofMillis(500))) < 0, stalled::describe);
            assertEquals(2, stalled.json().get("alertsFired").asInt(), stalled::describe);
            assertEquals(0, stalled.json().get("notificationsSent").asInt(), stalled::describe);
            assertTrue(stalled.json().get("cache").get("pendingWrites").asInt() > 0, "the fired states stay queued: " + stalled.describe());
            String flush = stalled.logs().stream().filter(l -> l.contains("did not get in")).findFirst()
                    .orElseThrow(() -> new AssertionError(stalled.describe()));
            java.util.regex.Matcher cap = java.util.regex.Pattern.compile("timeout configuration: (\\d+) millis").matcher(flush);
            assertTrue(cap.find() && Long.parseLong(cap.group(1)) < 5000,
                    "the flush's read was capped by what was left of the run, not given the 5 s call timeout: " + flush);
            assertEquals(0, harness.webhook.bodies().size(), "nothing is sent without a claim");
            assertTrue(dynamo.requests("TransactWriteItems") >= 1, dynamo::describe);

            dynamo.clearRules();
            InvokeResult recovered = cron.invoke(LambdaSandbox.sampleEvent("schedule.json"), DEADLINE);
            InvokeResult after = cron.invoke(LambdaSandbox.sampleEvent("schedule.json"), DEADLINE);

            assertFalse(recovered.cold() || after.cold(), "the container survived the stall: " + recovered.describe());
            assertEquals(2, recovered.json().get("notificationsSent").asInt(), recovered::describe);
            assertEquals(0, after.json().get("notificationsSent").asInt(), after::describe);
            assertEquals(0, after.json().get("cache").get("pendingWrites").asInt(), "the flush landed: " + after.describe());
        }
        assertEquals(2, harness.webhook.bodies().size(), harness.webhook.bodies()::toString);
        assertTrue(harness.states(s -> s.load("above")).orElseThrow().lastFiredAt() != null);
        assertTrue(harness.states(s -> s.load("cross")).orElseThrow().lastFiredAt() != null);
        assertEquals(0, harness.states(s -> s.loadAll().ledgers()).size());
    }
}
