package dev.stockalerts.state;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.AlertState;
import dev.stockalerts.alert.Condition;
import dev.stockalerts.alert.RearmPolicy;
import dev.stockalerts.alert.Side;
import dev.stockalerts.delivery.DeliveryLedger;
import dev.stockalerts.time.Deadline;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertStateCacheTest {
    private static final Instant T0 = Instant.parse("2026-11-23T14:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    private final InMemoryStateStore store = new InMemoryStateStore();
    private final List<Alert> alerts = new ArrayList<>();
    private int alertLoads;
    private final List<String> log = new ArrayList<>();
    private final List<List<DeliveryLedger>> ledgersLoaded = new ArrayList<>();
    private final AlertStateCache cache = new AlertStateCache(store, () -> {
        alertLoads++;
        return List.copyOf(alerts);
    }, HOUR, HOUR, ledgersLoaded::add, log::add);

    private Alert alert(String id) {
        Alert alert = new Alert(id, "AAPL", Condition.ABOVE, 100, RearmPolicy.rearm(1), List.of("webhook"), T0);
        alerts.add(alert);
        return alert;
    }

    @Test
    void loadsStatesInBulkOnceThenServesFromMemory() {
        alert("a");
        store.states.put("a", AlertState.initial("a").withArmed(false).withVersion(3));

        cache.ensureLoaded(T0, 0);
        cache.ensureLoaded(T0.plus(Duration.ofMinutes(5)), 0);
        cache.ensureLoaded(T0.plus(Duration.ofMinutes(55)), 0);

        assertEquals(1, store.loads);
        assertFalse(cache.state("a").armed());
        assertEquals(3, cache.state("a").version());
        assertTrue(log.contains("[KV Cache] Loading 1 alert states from DynamoDB..."));
        assertTrue(log.contains("[KV Cache] Loaded 1 states from DynamoDB"));
    }

    @Test
    void reloadsOnceTheTtlHasPassed() {
        alert("a");
        cache.ensureLoaded(T0, 0);
        cache.ensureLoaded(T0.plus(HOUR).minusSeconds(1), 0);
        assertEquals(1, store.loads);
        cache.ensureLoaded(T0.plus(HOUR), 0);
        assertEquals(2, store.loads);
        assertEquals(0, cache.getCacheStats(T0.plus(HOUR)).cacheAgeMs());
    }

    @Test
    void rereadsOnlyDefinitionsWhenTheirRevisionChanges() {
        alert("a");
        cache.ensureLoaded(T0, 0);
        alert("b");
        cache.ensureLoaded(T0.plusSeconds(300), 0);
        assertEquals(1, cache.alerts().size());
        cache.ensureLoaded(T0.plusSeconds(600), 1);
        assertEquals(2, cache.alerts().size());
        assertEquals(1, store.loads);
        assertEquals(2, alertLoads);
    }

    @Test
    void aRefusedStateThatCannotBeReadBackIsReloadedNextRunInsteadOfFailingTheClaim() {
        alert("a");
        cache.ensureLoaded(T0, 0);
        cache.update(cache.state("a").withSide(Side.ABOVE));
        store.states.put("a", AlertState.initial("a").withSide(Side.BELOW).withVersion(4)); // a newer container's
        store.failNextReads = 1;

        cache.refused("a"); // must not throw: the claim that met the refusal still has other firings to claim

        assertTrue(log.contains("[KV Cache] Could not read alert a's newer state (throttled); reloading all states next run"), log.toString());
        cache.ensureLoaded(T0.plusSeconds(300), 0);
        assertEquals(2, store.loads, "reloaded before the TTL");
        assertEquals(Side.BELOW, cache.state("a").side(), "the stored, newer state wins over the queued change");
        assertEquals(0, cache.getCacheStats(T0).pendingWrites());
    }

    @Test
    void aReloadKeepsQueuedChanges() {
        alert("a");
        cache.ensureLoaded(T0, 0);
        cache.update(cache.state("a").withSide(Side.ABOVE));
        cache.ensureLoaded(T0.plus(HOUR), 0);
        assertEquals(2, store.loads);
        assertEquals(Side.ABOVE, cache.state("a").side());
        assertEquals(1, cache.getCacheStats(T0).pendingWrites());
    }

    @Test
    void onlyAChangeOfContentIsQueued() {
        alert("a");
        cache.ensureLoaded(T0, 0);
        cache.update(cache.state("a"));
        assertEquals(0, cache.getCacheStats(T0).pendingWrites());
        cache.update(cache.state("a").withSide(Side.BELOW));
        assertEquals(1, cache.getCacheStats(T0).pendingWrites());
        assertTrue(log.contains("[KV Cache] Queued state update for alert a"));
        cache.update(cache.state("a").withSide(Side.UNKNOWN)); // back to what is stored
        assertEquals(0, cache.getCacheStats(T0).pendingWrites());
    }

    @Test
    void flushesAtTheEndOfTheFirstRunThenOnlyOnceTheWriteIntervalHasPassed() {
        alert("a");
        cache.ensureLoaded(T0, 0);
        cache.update(cache.state("a").withSide(Side.BELOW));
        cache.flushIfDue(T0, Set.of(), Deadline.none()); // the container's first run: it may be its last
        assertEquals(1, store.batchWrites);
        cache.update(cache.state("a").withSide(Side.ABOVE));
        cache.flushIfDue(T0.plus(Duration.ofMinutes(55)), Set.of(), Deadline.none());
        assertEquals(1, store.batchWrites);

        cache.flushIfDue(T0.plus(HOUR), Set.of(), Deadline.none());
        assertEquals(2, store.batchWrites);
        assertEquals(Side.ABOVE, store.states.get("a").side());
        assertEquals(2, store.states.get("a").version());
        assertEquals(0, cache.getCacheStats(T0.plus(HOUR)).pendingWrites());
        assertTrue(log.contains("[KV Cache] Flushing 1 pending writes to DynamoDB..."));
        assertTrue(log.contains("[KV Cache] Flushed 1/1 writes to DynamoDB"));
    }

    @Test
    void aFlushThatLeftWritesQueuedIsTriedAgainOnTheNextRunNotAnIntervalLater() {
        alert("a");
        alert("b");
        cache.ensureLoaded(T0, 0);
        cache.flushIfDue(T0, Set.of(), Deadline.none());
        cache.update(cache.state("a").withSide(Side.ABOVE));
        cache.update(cache.state("b").withSide(Side.BELOW));
        store.failNextWrites.add("a");

        cache.flushIfDue(T0.plus(HOUR), Set.of(), Deadline.none());
        assertEquals(1, cache.getCacheStats(T0.plus(HOUR)).pendingWrites());
        assertEquals(Side.BELOW, store.states.get("b").side(), "what got in stays in");
        assertTrue(log.contains("[KV Cache] Flushed 1/2 writes to DynamoDB; 1 stay queued for the next run"), log::toString);

        Instant nextRun = T0.plus(HOUR).plusSeconds(300);
        cache.flushIfDue(nextRun, Set.of(), Deadline.none());
        assertEquals(0, cache.getCacheStats(nextRun).pendingWrites());
        assertEquals(Side.ABOVE, store.states.get("a").side());
        assertEquals(300_000L, cache.getCacheStats(nextRun.plusSeconds(300)).timeSinceLastFlushMs(),
                "the interval counts from the flush that wrote everything");
    }

    @Test
    void writesThatFailStayQueuedForTheNextFlush() {
        alert("a");
        alert("b");
        cache.ensureLoaded(T0, 0);
        cache.update(cache.state("a").withSide(Side.ABOVE));
        cache.update(cache.state("b").withSide(Side.ABOVE));
        store.failNextWrites.add("b");

        cache.flushIfDue(T0.plus(HOUR), Set.of(), Deadline.none());
        assertEquals(1, cache.getCacheStats(T0.plus(HOUR)).pendingWrites());
        assertFalse(store.states.containsKey("b"));

        cache.flushIfDue(T0.plus(HOUR.multipliedBy(2)), Set.of(), Deadline.none());
        assertEquals(0, cache.getCacheStats(T0.plus(HOUR.multipliedBy(2))).pendingWrites());
        assertEquals(Side.ABOVE, store.states.get("b").side());
    }

    @Test
    void aFiredStateHeldBackForItsClaimIsNotFlushedButOthersAre() {
        alert("a");
        alert("b");
        cache.ensureLoaded(T0, 0);
        cache.update(cache.state("a").fired(T0, 101).withArmed(false));
        cache.update(cache.state("b").withSide(Side.ABOVE));

        cache.flushIfDue(T0.plus(HOUR), Set.of("a"), Deadline.none());

        assertFalse(store.states.containsKey("a"), "only its claim may write a fired state");
        assertEquals(Side.ABOVE, store.states.get("b").side());
        assertEquals(1, cache.getCacheStats(T0.plus(HOUR)).pendingWrites());
    }

    @Test
    void aClaimedStateIsStoredAndNoLongerPending() {
        alert("a");
        cache.ensureLoaded(T0, 0);
        AlertState fired = cache.state("a").fired(T0, 101).withArmed(false);
        cache.update(fired);

        cache.written(fired);

        assertEquals(1, cache.state("a").version());
        assertEquals(0, cache.getCacheStats(T0).pendingWrites());
    }

    @Test
    void aRefusedClaimAdoptsTheNewerStoredState() {
        alert("a");
        cache.ensureLoaded(T0, 0);
        cache.update(cache.state("a").fired(T0, 101).withArmed(false));
        AlertState newer = AlertState.initial("a").fired(T0, 99).withArmed(false).withVersion(1);
        store.states.put("a", newer);

        cache.refused("a");

        assertEquals(newer, cache.state("a"));
        assertEquals(0, cache.getCacheStats(T0).pendingWrites());
    }

    @Test
    void writesStopAtTheDeadlineAndStayQueued() {
        alert("a");
        cache.ensureLoaded(T0, 0);
        cache.update(cache.state("a").withSide(Side.ABOVE));
        cache.flushIfDue(T0.plus(HOUR), Set.of(), Deadline.in(Duration.ZERO));
        assertEquals(1, cache.getCacheStats(T0.plus(HOUR)).pendingWrites());
    }

    @Test
    void theLedgersOfEachBulkLoadGoToTheDeliveries() {
        alert("a");
        DeliveryLedger ledger = new DeliveryLedger("l1", 0, "c1", T0, List.of());
        store.ledgers.add(ledger);
        cache.ensureLoaded(T0, 0);
        assertEquals(List.of(List.of(ledger)), ledgersLoaded);
    }

    @Test
    void aQueuedChangeSupersededByANewerStoredVersionIsRefusedAndTheNewerOneAdopted() {
        alert("a");
        cache.ensureLoaded(T0, 0);
        cache.update(cache.state("a").withSide(Side.ABOVE));
        store.states.put("a", AlertState.initial("a").withSide(Side.BELOW).withVersion(4)); // another container's claim

        cache.flushIfDue(T0.plus(HOUR), Set.of(), Deadline.none());
        assertEquals(Side.BELOW, store.states.get("a").side());
        assertEquals(4, store.states.get("a").version());
        assertEquals(store.states.get("a"), cache.state("a"));
        assertEquals(0, cache.getCacheStats(T0.plus(HOUR)).pendingWrites());
        assertTrue(log.contains("[KV Cache] Dropped queued change for alert a: stored version 4 is newer"), log::toString);
    }

    @Test
    void statesOfDeletedAlertsAreRemovedAtTheNextFlush() {
        alert("a");
        store.states.put("a", AlertState.initial("a").withVersion(1));
        cache.ensureLoaded(T0, 0);
        alerts.clear();
        cache.ensureLoaded(T0.plusSeconds(300), 1);
        assertEquals(1, cache.getCacheStats(T0).pendingWrites());
        cache.flushIfDue(T0.plus(HOUR), Set.of(), Deadline.none());
        assertFalse(store.states.containsKey("a"));
    }
}
