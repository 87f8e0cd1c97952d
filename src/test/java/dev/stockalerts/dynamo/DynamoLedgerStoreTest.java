package dev.stockalerts.dynamo;

import dev.stockalerts.alert.AlertState;
import dev.stockalerts.alert.Firing;
import dev.stockalerts.alert.Side;
import dev.stockalerts.check.StoreUsage;
import dev.stockalerts.delivery.ChannelOutcome;
import dev.stockalerts.delivery.Claim;
import dev.stockalerts.delivery.ClaimResult;
import dev.stockalerts.delivery.DeliveryLedger;
import dev.stockalerts.delivery.FiringRecord;
import dev.stockalerts.delivery.OwedChannel;
import dev.stockalerts.delivery.OwedFiring;
import dev.stockalerts.testing.FaultyDynamoProxy;
import dev.stockalerts.testing.LocalDynamo;
import dev.stockalerts.time.DeadlineContext;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Claims and settlements on DynamoDB Local: what commits, what is refused, what is in doubt, at what cost. */
class DynamoLedgerStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-23T14:00:00Z");
    private static final Instant EXPIRES = T0.plus(Duration.ofDays(2));

    /** Throws this (once) after the named operation got its answer, as a client that lost the answer would. */
    private final AtomicReference<RuntimeException> afterNext = new AtomicReference<>();
    private final AtomicReference<String> afterOperation = new AtomicReference<>();
    private final DynamoMetrics metrics = new DynamoMetrics();
    private final DynamoDbClient client = LocalDynamo.client(metrics, new ExecutionInterceptor() {
        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME).equals(afterOperation.get())) {
                RuntimeException e = afterNext.getAndSet(null);
                if (e != null) throw e;
            }
        }
    });
    private final String table = LocalDynamo.newTable();
    private final List<String> log = new ArrayList<>();
    private final Backoff fast = new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), 4, d -> {}, new Random(1));
    private final DynamoFiringHistory history = new DynamoFiringHistory(client, table, Duration.ofDays(90), fast, log::add);
    private final DynamoLedgerStore store = new DynamoLedgerStore(client, table, Shard.ONLY, fast, l -> EXPIRES, history, log::add);
    private final DynamoStateStore states = new DynamoStateStore(client, table, Backoff.standard(), log::add);

    /** Claim ids are idempotency tokens, shared by every test on one DynamoDB Local: unique per test. */
    private final String run = java.util.UUID.randomUUID().toString().substring(0, 8);

    private String id(String name) {
        return name + "-" + run;
    }

    private static AlertState fired(String id, long version) {
        return AlertState.initial(id).fired(T0, 101).withArmed(false).withVersion(version);
    }

    private static DeliveryLedger ledger(String id, long attempt, String claim, String... alertIds) {
        List<OwedFiring> owed = new ArrayList<>();
        for (String a : alertIds) owed.add(new OwedFiring(new Firing(a, 1, T0, 101), List.of(new OwedChannel("webhook", 1))));
        return new DeliveryLedger(id, attempt, claim, T0.plusSeconds(300), owed);
    }

    private static Claim newFirings(String claimId, String ledgerId, AlertState... fired) {
        String[] ids = java.util.Arrays.stream(fired).map(AlertState::alertId).toArray(String[]::new);
        return new Claim(claimId, List.of(fired), List.of(new Claim.LedgerWrite(ledger(ledgerId, 0, claimId, ids), null)), List.of());
    }

    @Test
    void aClaimWritesItsStatesAndLedgerInOneTransaction() {
        StoreUsage before = metrics.snapshot();
        assertEquals(ClaimResult.COMMITTED, store.claim(newFirings(id("c1"), "l1", fired("a", 0), fired("b", 0))), log.toString());
        StoreUsage used = metrics.snapshot().minus(before);

        assertEquals(Map.of("TransactWriteItems", 1L), used.callsByOperation());
        assertEquals(1, states.load("a").orElseThrow().version());
        DeliveryLedger stored = store.ledger("l1").orElseThrow();
        assertEquals(ledger("l1", 0, id("c1"), "a", "b"), stored);
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(LedgerItems.key(Shard.ONLY, "l1"))).item();
        assertEquals(Long.toString(EXPIRES.getEpochSecond()), item.get("expiresAt").n(), "ledgers carry a TTL");
    }

    @Test
    void aStaleStateRefusesTheWholeClaimAndNamesItself() {
        store.claim(newFirings(id("c1"), "l1", fired("a", 0)));

        ClaimResult result = store.claim(newFirings(id("c2"), "l2", fired("a", 0).withSide(Side.BELOW), fired("b", 0)));

        assertEquals(ClaimResult.Status.REFUSED, result.status());
        assertEquals(Set.of("a"), result.refusedStates());
        assertTrue(store.ledger("l2").isEmpty(), "nothing of a refused claim is written");
        assertTrue(states.load("b").isEmpty());
    }

    @Test
    void aRetryIsOnlyClaimedOnTheAttemptItSaw() {
        store.claim(newFirings(id("c1"), "l1", fired("a", 0)));
        store.claim(newFirings(id("c2"), "l2", fired("b", 0)));
        Claim retry = new Claim(id("c3"), List.of(),
                List.of(new Claim.LedgerWrite(ledger("l1", 1, id("c3"), "a", "b"), 0L)),
                List.of(new Claim.LedgerWrite(ledger("l2", 0, id("c2"), "b"), 0L)));
        assertEquals(ClaimResult.COMMITTED, store.claim(retry));
        assertTrue(store.ledger("l2").isEmpty(), "merged into l1");
        assertEquals(1, store.ledger("l1").orElseThrow().attempt());

        ClaimResult second = store.claim(new Claim(id("c4"), List.of(),
                List.of(new Claim.LedgerWrite(ledger("l1", 1, id("c4"), "a"), 0L)), List.of()));
        assertEquals(ClaimResult.Status.REFUSED, second.status());
        assertEquals(Set.of("l1"), second.refusedLedgers(), "another container already took attempt 0");
    }

    @Test
    void aSingleLedgerRetryIsOneConditionalPutAtHalfTheUnits() {
        store.claim(newFirings(id("c1"), "l1", fired("a", 0)));
        StoreUsage before = metrics.snapshot();
        assertEquals(ClaimResult.COMMITTED, store.claim(new Claim(id("c2"), List.of(),
                List.of(new Claim.LedgerWrite(ledger("l1", 1, id("c2"), "a"), 0L)), List.of())));
        StoreUsage used = metrics.snapshot().minus(before);
        assertEquals(Map.of("PutItem", 1L), used.callsByOperation());
        assertEquals(1.0, used.writeUnits(), 1e-9);
    }

    /** The store behind a fault proxy, on a client as production builds it: the SDK retries a 500 itself. */
    private ClaimResult claimThroughProxy(Claim claim, String operation) {
        try (FaultyDynamoProxy proxy = FaultyDynamoProxy.inFrontOfLocalDynamo();
             DynamoDbClient retrying = DynamoClients.forLocalEndpoint(proxy.endpoint(), new DynamoMetrics(), new DeadlineContext())) {
            proxy.on(operation).next(1).commitThenInternalError(); // written, but its answer is lost
            ClaimResult result = new DynamoLedgerStore(retrying, table, Shard.ONLY, fast, l -> EXPIRES, history, log::add).claim(claim);
            assertEquals(2, proxy.requests(operation), "the SDK sent the write again after the 500");
            return result;
        }
    }

    @Test
    void aLoneLedgerPutWhoseAnswerWasLostIsCommittedWhenItsRepeatFindsTheClaimStored() {
        store.claim(newFirings(id("c1"), "l1", fired("a", 0)));

        ClaimResult result = claimThroughProxy(new Claim(id("c2"), List.of(),
                List.of(new Claim.LedgerWrite(ledger("l1", 1, id("c2"), "a"), 0L)), List.of()), "PutItem");

        assertEquals(ClaimResult.COMMITTED, result, "this container holds the ledger: it must send, not forget it");
        assertEquals(id("c2"), store.ledger("l1").orElseThrow().claim());
    }

    @Test
    void aLoneLedgerDeleteWhoseAnswerWasLostIsCommittedWhenItsRepeatFindsNoLedger() {
        store.claim(newFirings(id("c1"), "l1", fired("a", 0)));

        ClaimResult result = claimThroughProxy(new Claim(id("c2"), List.of(), List.of(),
                List.of(new Claim.LedgerWrite(ledger("l1", 0, id("c1"), "a"), 0L))), "DeleteItem");

        assertEquals(ClaimResult.COMMITTED, result);
        assertTrue(store.ledger("l1").isEmpty());
    }

    @Test
    void aLoneLedgerDeleteThatFindsTheLedgerAtAnotherAttemptIsRefused() {
        store.claim(newFirings(id("c1"), "l1", fired("a", 0)));

        ClaimResult result = store.claim(new Claim(id("c2"), List.of(), List.of(),
                List.of(new Claim.LedgerWrite(ledger("l1", 3, id("c1"), "a"), 3L))));

        assertEquals(ClaimResult.Status.REFUSED, result.status());
        assertEquals(Set.of("l1"), result.refusedLedgers());
        assertTrue(store.ledger("l1").isPresent());
    }

    @Test
    void aThrottledClaimWroteNothingAndFails() {
        afterOperation.set("TransactWriteItems");
        afterNext.set(ProvisionedThroughputExceededException.builder().statusCode(400).message("throttled").build());
        // The interceptor fires after DynamoDB Local committed; a real throttle commits nothing. The status is what is judged.
        assertEquals(ClaimResult.FAILED, store.claim(newFirings(id("c1"), "l1", fired("a", 0))));
    }

    @Test
    void aClaimCancelledForAReasonOtherThanContentionFailsAtOnceWithDynamoDbsReasons() {
        TransactionFaults faults = TransactionFaults.cancelled(Integer.MAX_VALUE, "None", "ValidationError");
        try (DynamoDbClient faulty = faults.client(new DynamoMetrics())) {
            DynamoLedgerStore store = new DynamoLedgerStore(faulty, table, Shard.ONLY, fast, l -> EXPIRES, history, log::add);

            assertEquals(ClaimResult.FAILED, store.claim(newFirings(id("c1"), "l1", fired("a", 0))));

            assertEquals(1, faults.attempts(), "the same items would be cancelled again: not retried");
            assertTrue(log.stream().anyMatch(l -> l.contains("ValidationError on this item")), log.toString());
            assertTrue(log.stream().noneMatch(l -> l.contains("conflicts or throttles")), log.toString());
        }
    }

    @Test
    void aClaimCancelledForContentionIsTriedAgain() {
        TransactionFaults faults = TransactionFaults.conflicts(2);
        try (DynamoDbClient faulty = faults.client(new DynamoMetrics())) {
            DynamoLedgerStore store = new DynamoLedgerStore(faulty, table, Shard.ONLY, fast, l -> EXPIRES, history, log::add);

            assertEquals(ClaimResult.COMMITTED, store.claim(newFirings(id("c1"), "l1", fired("a", 0))), log.toString());

            assertEquals(3, faults.attempts());
            assertEquals(id("c1"), store.ledger("l1").orElseThrow().claim());
        }
    }

    @Test
    void aClaimWhoseAnswerWasLostIsInDoubtAndReadingBackFindsIt() {
        afterOperation.set("TransactWriteItems");
        afterNext.set(SdkClientException.create("connection reset after the request was sent"));

        assertEquals(ClaimResult.IN_DOUBT, store.claim(newFirings(id("c1"), "l1", fired("a", 0))));
        assertEquals(id("c1"), store.ledger("l1").orElseThrow().claim(), "committed after all: the ledger carries the claim");
        assertTrue(log.stream().anyMatch(l -> l.contains("without a clear answer")), log.toString());
    }

    @Test
    void aSettlementIsWrittenOnlyByTheClaimThatHoldsTheLedger() {
        assertEquals(ClaimResult.COMMITTED, store.claim(newFirings(id("c1"), "l1", fired("a", 0), fired("b", 0))), log.toString());

        assertTrue(store.settle(ledger("l1", 0, id("c1"), "b"), List.of(), false));
        assertEquals(List.of("b"), store.ledger("l1").orElseThrow().owed().stream().map(OwedFiring::alertId).toList());
        assertFalse(store.settle(ledger("l1", 0, id("c-other")), List.of(), false), "a container whose claim was taken over writes nothing");
        assertTrue(store.settle(ledger("l1", 0, id("c1")), List.of(), false));
        assertTrue(store.ledger("l1").isEmpty(), "nothing owed: deleted");
        assertTrue(store.settle(ledger("l1", 0, id("c1")), List.of(), false), "a settlement tried again after it landed");
    }

    @Test
    void owedChannelsAreReadFromTheLedgersForTheApi() {
        assertEquals(ClaimResult.COMMITTED, store.claim(newFirings(id("c1"), "l1", fired("a", 0))), log.toString());
        assertEquals(List.of("webhook"), states.owedChannels("a"));
        assertEquals(List.of(), states.owedChannels("b"));
        assertEquals(1, states.loadAll().ledgers().size());
    }

    @Test
    void aLedgerJustClaimedThatStillOwesIsRewrittenInOneBatchWithItsHistory() {
        store.claim(newFirings(id("c1"), "l1", fired("a", 0), fired("b", 0)));
        List<FiringRecord> records = List.of(new FiringRecord(new Firing("a", 1, T0, 101),
                List.of(new ChannelOutcome("webhook", ChannelOutcome.Status.RETRYING, null))));
        StoreUsage before = metrics.snapshot();

        assertTrue(store.settle(ledger("l1", 0, id("c1"), "a"), records, true));

        assertEquals(Map.of("BatchWriteItem", 1L), metrics.snapshot().minus(before).callsByOperation(),
                "a failing channel costs one write a retry, not a history batch and a conditional put");
        assertEquals(List.of("a"), store.ledger("l1").orElseThrow().owed().stream().map(OwedFiring::alertId).toList());
        assertEquals(records, history.page("a", 5, null).records());
    }

    @Test
    void aSettledLedgerJustClaimedGoesInOneBatchWithItsHistoryNewestFirst() {
        store.claim(newFirings(id("c1"), "l1", fired("a", 0)));
        Firing first = new Firing("a", 1, T0, 101);
        Firing second = new Firing("a", 2, T0.plusSeconds(600), 99.5, dev.stockalerts.alert.Trigger.DAY_LOW);
        List<FiringRecord> records = List.of(
                new FiringRecord(first, List.of(new ChannelOutcome("webhook", ChannelOutcome.Status.DELIVERED, null))),
                new FiringRecord(second, List.of(new ChannelOutcome("webhook", ChannelOutcome.Status.GIVEN_UP, "HTTP 404"))));
        StoreUsage before = metrics.snapshot();

        assertTrue(store.settle(ledger("l1", 0, id("c1")), records, true));

        assertEquals(Map.of("BatchWriteItem", 1L), metrics.snapshot().minus(before).callsByOperation());
        assertTrue(store.ledger("l1").isEmpty());
        DynamoFiringHistory.Page page = history.page("a", 1, null);
        assertEquals(List.of(records.get(1)), page.records(), "newest first");
        assertEquals(List.of(records.get(0)), history.page("a", 1, page.last()).records());
        assertEquals(null, history.page("a", 5, null).last(), "no page after the last");
    }
}
