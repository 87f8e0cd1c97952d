package dev.stockalerts.delivery;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.AlertState;
import dev.stockalerts.alert.Condition;
import dev.stockalerts.alert.Firing;
import dev.stockalerts.alert.RearmPolicy;
import dev.stockalerts.delivery.InMemoryLedgerStore.ClaimFault;
import dev.stockalerts.delivery.SendResult.Outcome;
import dev.stockalerts.time.Deadline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every fault path of delivery, on a store and channels that fail on cue; one run every 5 minutes. */
class DeliveriesTest {
    private static final Instant T0 = Instant.parse("2026-11-23T14:00:00Z");
    private static final Duration TICK = Duration.ofMinutes(5);

    private final InMemoryLedgerStore store = new InMemoryLedgerStore();
    private final ScriptedSender sender = new ScriptedSender();
    private final List<String> notices = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private final Map<String, Alert> alerts = new LinkedHashMap<>();
    private Instant now = T0;
    private Container container = new Container();

    /** One scheduled function container: its deliveries and the states it holds in memory. */
    private final class Container implements ClaimedStates {
        final Deliveries deliveries = new Deliveries(store, store, sender, (key, message) -> notices.add(message),
                RetryPolicy.standard(Duration.ofHours(24)), 4, log::add);
        final Map<String, AlertState> current = new HashMap<>(store.states);

        Container() {
            deliveries.reload(List.copyOf(store.ledgers.values()));
        }

        @Override
        public AlertState current(String alertId) {
            return current.getOrDefault(alertId, AlertState.initial(alertId));
        }

        @Override
        public void written(AlertState claimed) {
            current.put(claimed.alertId(), claimed.withVersion(claimed.version() + 1));
        }

        @Override
        public void refused(String alertId) {
            current.put(alertId, store.states.get(alertId));
        }

        void fire(String alertId, List<String> channels) {
            AlertState fired = current(alertId).fired(now, 101).withArmed(false);
            current.put(alertId, fired);
            deliveries.owe(new Firing(alertId, fired.fireCount(), now, 101), channels);
        }

        DeliveryRun run(Deadline deadline) {
            DeliveryRun result = deliveries.deliver(alerts, this, now, deadline);
            now = now.plus(TICK);
            return result;
        }

        DeliveryRun run() {
            return run(Deadline.none());
        }
    }

    @AfterEach
    void close() {
        container.deliveries.close();
    }

    private void alert(String id) {
        alerts.put(id, new Alert(id, "AAPL", Condition.ABOVE, 100, RearmPolicy.once(), List.of("webhook"), T0));
    }

    private void recycle() {
        container.deliveries.close();
        container = new Container();
    }

    @Test
    void aFiringIsClaimedWithItsStateThenSentThenItsLedgerDeleted() {
        alert("a");
        container.fire("a", List.of("webhook"));
        assertEquals(java.util.Set.of("a"), container.deliveries.heldBack(), "not claimed yet: its state may not be flushed");

        DeliveryRun run = container.run();

        assertEquals(new DeliveryRun(1, 0, 0, 0, 0, 0), run);
        assertEquals(1, store.states.get("a").version(), "the claim wrote the fired state");
        assertTrue(store.ledgers.isEmpty(), "settled: deleted");
        assertEquals(1, store.claims);
        assertEquals(java.util.Set.of(), container.deliveries.heldBack());
    }

    @Test
    void aFailedDeliveryIsRetriedWithBackoffUntilDeliveredAndThenNeverAgain() {
        alert("a");
        sender.answer("webhook", Outcome.FAILED, Outcome.FAILED, Outcome.FAILED);
        container.fire("a", List.of("webhook"));
        List<Long> attemptsPerRun = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            long before = sender.attemptsOf("a");
            container.run();
            attemptsPerRun.add(sender.attemptsOf("a") - before);
        }
        // Sent at 0; retried 5 min later (run 1), then 10 (run 3), then 20 minutes later (run 7), which delivers.
        assertEquals(List.of(1L, 1L, 0L, 1L, 0L, 0L, 0L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L), attemptsPerRun);
        assertTrue(store.ledgers.isEmpty());
    }

    @Test
    void aTargetThatNeverAnswersGetsTheFiringTwiceAtMostThenItIsGivenUpWithANotice() {
        alert("a");
        sender.answer("webhook", Outcome.UNANSWERED, Outcome.UNANSWERED, Outcome.UNANSWERED);
        container.fire("a", List.of("webhook"));
        for (int i = 0; i < 30; i++) container.run();

        assertEquals(2, sender.attemptsOf("a"));
        assertTrue(store.ledgers.isEmpty(), "given up: nothing owed");
        assertEquals(1, notices.size());
        assertTrue(log.stream().anyMatch(l -> l.contains("Gave up webhook for alert a") && l.contains("no answer")), log.toString());
    }

    @Test
    void aRejectedDeliveryIsGivenUpAtOnce() {
        alert("a");
        sender.answer("webhook", Outcome.REJECTED);
        container.fire("a", List.of("webhook"));
        DeliveryRun run = container.run();
        for (int i = 0; i < 5; i++) container.run();
        assertEquals(1, run.givenUp());
        assertEquals(1, sender.attemptsOf("a"));
        assertTrue(store.ledgers.isEmpty());
    }

    @Test
    void aDeliveryStillFailingAfterTheGiveUpTimeIsGivenUpAndStopsCosting() {
        alert("a");
        for (int i = 0; i < 100; i++) sender.answer("webhook", Outcome.FAILED);
        container.fire("a", List.of("webhook"));
        int runs = (int) (Duration.ofHours(26).toMinutes() / 5);
        for (int i = 0; i < runs; i++) container.run();

        assertTrue(store.ledgers.isEmpty());
        assertTrue(sender.attemptsOf("a") <= 29, "hourly at most after the first hour: " + sender.attemptsOf("a"));
        assertEquals(1, notices.size());
        assertTrue(log.stream().anyMatch(l -> l.contains("still failing PT24H after the firing")), log.toString());
    }

    @Test
    void aFailedClaimSendsNothingAndIsClaimedOnTheNextRun() {
        alert("a");
        store.claimFaults.add(ClaimFault.FAIL);
        container.fire("a", List.of("webhook"));

        assertEquals(0, container.run().delivered());
        assertEquals(java.util.Set.of("a"), container.deliveries.heldBack());
        assertEquals(1, container.run().delivered());
        assertEquals(1, sender.attemptsOf("a"));
    }

    @Test
    void aClaimThatCommittedWithoutAnAnswerIsReadBackAndSentOnce() {
        alert("a");
        store.claimFaults.add(ClaimFault.LOSE_ANSWER_AFTER_COMMIT);
        container.fire("a", List.of("webhook"));

        container.run();
        assertEquals(0, sender.attemptsOf("a"), "in doubt: nothing sent");
        for (int i = 0; i < 5; i++) container.run();

        assertEquals(1, sender.attemptsOf("a"));
        assertEquals(1, store.states.get("a").version(), "claimed once: not claimed again on top");
        assertTrue(store.ledgers.isEmpty());
        assertTrue(log.stream().anyMatch(l -> l.contains("had committed")), log.toString());
    }

    @Test
    void aClaimThatDidNotCommitIsReadBackAndClaimedAgain() {
        alert("a");
        store.claimFaults.add(ClaimFault.LOSE_ANSWER_BEFORE_COMMIT);
        store.failingReads = 1; // and the first read-back fails too: still in doubt, still nothing sent
        container.fire("a", List.of("webhook"));

        container.run();
        container.run();
        assertEquals(0, sender.attemptsOf("a"));
        container.run();

        assertEquals(1, sender.attemptsOf("a"));
        assertEquals(1, store.states.get("a").version());
        assertTrue(log.stream().anyMatch(l -> l.contains("had not committed")), log.toString());
    }

    @Test
    void aSettlementThatFailedLandsOnTheNextRunWithoutAnyFiringSoARecycledContainerSendsNothing() {
        alert("a");
        store.failingSettles = 1;
        container.fire("a", List.of("webhook"));
        container.run();
        assertEquals(1, store.ledgers.size(), "delivered, but not yet recorded");

        container.run(); // quiet run: nothing fires
        assertTrue(store.ledgers.isEmpty());

        recycle();
        for (int i = 0; i < 30; i++) container.run();
        assertEquals(1, sender.attemptsOf("a"));
    }

    @Test
    void aRecycledContainerRetriesWhatADeadOneOwed() {
        alert("a");
        sender.answer("webhook", Outcome.FAILED);
        container.fire("a", List.of("webhook"));
        container.run();
        recycle();
        container.run();
        assertEquals(2, sender.attemptsOf("a"));
        assertTrue(store.ledgers.isEmpty());
    }

    @Test
    void aStaleStateIsRefusedAndItsFiringNotSentWhileTheRestOfTheClaimIs() {
        alert("a");
        alert("b");
        store.states.put("a", AlertState.initial("a").fired(T0, 99).withVersion(1)); // another container fired first
        container.fire("a", List.of("webhook"));
        container.fire("b", List.of("webhook"));

        DeliveryRun run = container.run();

        assertEquals(1, run.delivered());
        assertEquals(0, sender.attemptsOf("a"));
        assertEquals(1, sender.attemptsOf("b"));
        assertEquals(store.states.get("a"), container.current("a"), "adopted the stored state");
    }

    @Test
    void onlyOneOfTwoContainersRetriesALedger() {
        alert("a");
        sender.answer("webhook", Outcome.FAILED);
        container.fire("a", List.of("webhook"));
        container.run();
        Container other = new Container();
        now = now.plus(TICK);

        other.run();
        container.run();

        assertEquals(2, sender.attemptsOf("a"), "first attempt and one retry, not two");
        other.deliveries.close();
    }

    @Test
    void aNewFiringOfAnAlertThatStillOwesIsClaimedToo() {
        alerts.put("c", new Alert("c", "AAPL", Condition.ABOVE, 100, RearmPolicy.cooldown(Duration.ofMinutes(5)), List.of("webhook"), T0));
        sender.answer("webhook", Outcome.FAILED);
        container.fire("c", List.of("webhook"));
        container.run();
        container.fire("c", List.of("webhook"));

        container.run();

        assertEquals(2, store.states.get("c").version(), "the second firing was claimed with its state");
        assertEquals(List.of(1, 1, 2), sender.attempts.stream().map(ScriptedSender.Attempt::fireCount).sorted().toList());
        assertTrue(store.ledgers.isEmpty());
    }

    @Test
    void whatTheDeadlineLeftUnsentIsSentOnTheNextRunWithoutCountingAsUnanswered() {
        alert("a");
        container.fire("a", List.of("webhook"));
        DeliveryRun late = container.run(Deadline.in(Duration.ZERO));
        assertEquals(0, sender.attemptsOf("a"));
        assertEquals(java.util.Set.of("a"), container.deliveries.heldBack(), "out of time before the claim: still to claim");
        assertEquals(0, late.delivered());

        assertEquals(1, container.run().delivered());
    }

    @Test
    void theFiringOfADeletedAlertIsDropped() {
        alert("a");
        container.fire("a", List.of("webhook"));
        alerts.clear();
        container.run();
        assertEquals(0, sender.attemptsOf("a"));
        assertEquals(0, store.claims);
    }

    @Test
    void manyFiringsAreSplitIntoClaimsTheStoreTakes() {
        store.maxItems = 10;
        recycle(); // a store with a smaller transaction limit
        for (int i = 0; i < 45; i++) {
            alert("a" + i);
            container.fire("a" + i, List.of("webhook", "sns"));
        }
        DeliveryRun run = container.run();
        assertEquals(90, run.delivered());
        assertEquals(5, store.claims, "9 states and their ledger per claim");
        assertTrue(store.ledgers.isEmpty());
    }

    private List<ChannelOutcome.Status> historyOf(String alertId, int fireCount) {
        return store.history.get(alertId + "#" + fireCount).channels().stream().map(ChannelOutcome::status).toList();
    }

    @Test
    void everyFiringIsRecordedWithEachChannelsOutcome() {
        alert("a");
        sender.answer("sns", Outcome.FAILED);
        container.fire("a", List.of("webhook", "sns"));

        container.run();
        assertEquals(List.of(ChannelOutcome.Status.DELIVERED, ChannelOutcome.Status.RETRYING), historyOf("a", 1));
        container.run();
        assertEquals(List.of(ChannelOutcome.Status.DELIVERED, ChannelOutcome.Status.DELIVERED), historyOf("a", 1),
                "the webhook's outcome is kept while sns is retried");
        FiringRecord record = store.history.get("a#1");
        assertEquals(T0, record.firing().firedAt());
        assertEquals(101.0, record.firing().price());
    }

    @Test
    void aRetryThatChangesNothingDoesNotRewriteTheFiringsHistory() {
        alert("a");
        sender.answer("webhook", Outcome.FAILED, Outcome.FAILED, Outcome.FAILED);
        container.fire("a", List.of("webhook"));
        for (int i = 0; i < 8; i++) container.run(); // sent, then retried at 5, 10 (both fail) and 20 minutes (delivered)

        assertEquals(4, sender.attemptsOf("a"));
        assertEquals(2, store.recordsWritten, "written when it first failed (retrying) and when it was delivered");
        assertEquals(List.of(ChannelOutcome.Status.DELIVERED), historyOf("a", 1));
    }

    @Test
    void aNewFiringForAChannelAlreadyBeingRetriedJoinsThatRetryInsteadOfStartingItsOwn() {
        alert("a");
        alert("b");
        alert("c");
        sender.answer("webhook", java.util.Collections.nCopies(100, Outcome.FAILED).toArray(Outcome[]::new));
        container.fire("a", List.of("webhook"));
        List<String> retried = new ArrayList<>();
        for (int i = 0; i < 36; i++) { // three hours of runs; b and c fire while a is being retried
            if (i == 4) container.fire("b", List.of("webhook"));
            if (i == 9) container.fire("c", List.of("webhook"));
            int before = sender.attempts.size();
            int claimsBefore = store.claims;
            container.run();
            if (store.claims > claimsBefore) {
                retried.add(sender.attempts.subList(before, sender.attempts.size()).stream()
                        .map(ScriptedSender.Attempt::alertId).sorted().reduce("", String::concat));
            }
        }
        // a on its backoff (0, 5, 15, 35, 75, 135 min); b first at 20 min, then with a at 35; c first at 45, then with
        // both at 75 and 135. On its own backoff, b alone would have been retried at 25, 35, 55, 95 and 155 minutes.
        assertEquals(List.of("a", "a", "a", "b", "ab", "c", "abc", "abc"), retried);
        assertEquals(1, store.ledgers.size(), "one ledger owes all three");
    }

    @Test
    void aGiveUpIsRecordedWithItsReasonEvenWhenNothingIsLeftToSend() {
        alert("a");
        sender.answer("webhook", Outcome.UNANSWERED, Outcome.UNANSWERED);
        container.fire("a", List.of("webhook"));
        for (int i = 0; i < 6; i++) container.run();

        FiringRecord record = store.history.get("a#1");
        assertEquals(ChannelOutcome.Status.GIVEN_UP, record.channels().get(0).status());
        assertTrue(record.channels().get(0).detail().contains("no answer"), record.toString());
    }

    @Test
    void historyTheStoreCouldNotTakeIsWrittenOnALaterRun() {
        alert("a");
        sender.answer("webhook", Outcome.REJECTED);
        store.failingHistoryWrites = 1; // the settlement's own history write
        container.fire("a", List.of("webhook"));
        container.run();
        assertTrue(store.history.isEmpty());
        assertEquals(1, store.ledgers.size(), "not settled without its history");

        container.run();
        assertEquals(List.of(ChannelOutcome.Status.GIVEN_UP), historyOf("a", 1));
        assertTrue(store.ledgers.isEmpty());
    }
}
