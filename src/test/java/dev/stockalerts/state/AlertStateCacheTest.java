package dev.stockalerts.state;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.AlertState;
import dev.stockalerts.alert.Condition;
import dev.stockalerts.alert.RearmPolicy;
import dev.stockalerts.alert.Side;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    private final AlertStateCache cache = new AlertStateCache(store, () -> {
        alertLoads++;
        return List.copyOf(alerts);
    }, HOUR, HOUR, log::add);

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
    void invalidationForcesAReloadButKeepsQueuedChanges() {
        alert("a");
        cache.ensureLoaded(T0, 0);
        cache.update(cache.state("a").withSide(Side.ABOVE));
        cache.invalidate();
        cache.ensureLoaded(T0.plusSeconds(60), 0);
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
    void flushesOnlyOnceTheWriteIntervalHasPassed() {
        alert("a");
        cache.ensureLoaded(T0, 0);
        cache.update(cache.state("a").withSide(Side.ABOVE));
        cache.flushIfDue(T0.plus(Duration.ofMinutes(55)));
        assertEquals(0, store.batchWrites);

        cache.flushIfDue(T0.plus(HOUR));
        assertEquals(1, store.batchWrites);
        assertEquals(Side.ABOVE, store.states.get("a").side());
        assertEquals(1, store.states.get("a").version());
        assertEquals(0, cache.getCacheStats(T0.plus(HOUR)).pendingWrites());
        assertTrue(log.contains("[KV Cache] Flushing 1 pending writes to DynamoDB..."));
        assertTrue(log.contains("[KV Cache] Flushed 1/1 writes to DynamoDB"));
    }

    @Test
    void writesThatFailStayQueuedForTheNextFlush() {
        alert("a");
        alert("b");
        cache.ensureLoaded(T0, 0);
        cache.update(cache.state("a").withSide(Side.ABOVE));
        cache.update(cache.state("b").withSide(Side.ABOVE));
        store.failNextWrites.add("b");

        cache.flushIfDue(T0.plus(HOUR));
        assertEquals(1, cache.getCacheStats(T0.plus(HOUR)).pendingWrites());
        assertFalse(store.states.containsKey("b"));

        cache.flushIfDue(T0.plus(HOUR.multipliedBy(2)));
        assertEquals(0, cache.getCacheStats(T0.plus(HOUR.multipliedBy(2))).pendingWrites());
        assertEquals(Side.ABOVE, store.states.get("b").side());
    }

    @Test
    void firingsAreClaimedConditionallyAndRefusedWhenANewerVersionIsStored() {
        alert("a");
        alert("b");
        cache.ensureLoaded(T0, 0);
        // Another container fired "b" after this one loaded.
        store.states.put("b", AlertState.initial("b").fired(T0, 101, List.of()).withArmed(false).withVersion(1));

        cache.update(cache.state("a").fired(T0, 101, List.of("webhook")).withArmed(false));
        cache.update(cache.state("b").fired(T0, 101, List.of("webhook")).withArmed(false));
        assertEquals(2, cache.owingDelivery().size());

        Set<String> claimed = cache.claim(cache.owingDelivery(), T0);
        assertEquals(Set.of("a"), claimed);
        assertEquals(1, store.conditionalWrites);
        assertEquals(1, store.states.get("a").version());
        DeliveryLedger ledger = store.ledgers.values().iterator().next();
        assertEquals(List.of(new DeliveryLedger.Owed("a", 1, List.of("webhook"))), ledger.owed());
        assertEquals(List.of(), cache.state("b").pendingChannels()); // adopted the newer stored state
        assertEquals(0, cache.getCacheStats(T0).pendingWrites());

        cache.settle(Map.of("a", List.of()));
        assertTrue(store.ledgers.isEmpty(), "a settled ledger is deleted");
        assertEquals(List.of(), cache.owingDelivery());
        assertEquals(0, cache.getCacheStats(T0).pendingWrites(), "settling never dirties a state");
    }

    @Test
    void owedDeliveriesComeBackFromTheLedgerAfterARecycleAndAreRetriedOnce() {
        alert("a");
        cache.ensureLoaded(T0, 0);
        cache.update(cache.state("a").fired(T0, 101, List.of("webhook", "sns")).withArmed(false));
        cache.claim(cache.owingDelivery(), T0);
        cache.settle(Map.of("a", List.of("sns"))); // webhook delivered, sns to retry

        AlertStateCache recycled = new AlertStateCache(store, () -> List.copyOf(alerts), HOUR, HOUR, log::add);
        AlertStateCache stale = new AlertStateCache(store, () -> List.copyOf(alerts), HOUR, HOUR, log::add);
        recycled.ensureLoaded(T0.plusSeconds(300), 0);
        stale.ensureLoaded(T0.plusSeconds(300), 0);
        assertEquals(List.of("sns"), recycled.state("a").pendingChannels());

        assertEquals(Set.of("a"), recycled.claim(recycled.owingDelivery(), T0.plusSeconds(300)));
        assertEquals(Set.of(), stale.claim(stale.owingDelivery(), T0.plusSeconds(300)), "only one container retries");
        recycled.settle(Map.of("a", List.of()));
        assertTrue(store.ledgers.isEmpty());
    }

    @Test
    void aQueuedChangeSupersededByANewerStoredVersionIsDroppedAtReload() {
        alert("a");
        cache.ensureLoaded(T0, 0);
        cache.update(cache.state("a").withSide(Side.ABOVE));
        store.states.put("a", AlertState.initial("a").withSide(Side.BELOW).withVersion(4));

        cache.flushIfDue(T0.plus(HOUR)); // reloads first, then writes what survives
        assertEquals(Side.BELOW, store.states.get("a").side());
        assertEquals(4, store.states.get("a").version());
        assertEquals(0, store.batchWrites);
    }

    @Test
    void statesOfDeletedAlertsAreRemovedAtTheNextFlush() {
        alert("a");
        store.states.put("a", AlertState.initial("a").withVersion(1));
        cache.ensureLoaded(T0, 0);
        alerts.clear();
        cache.ensureLoaded(T0.plusSeconds(300), 1);
        assertEquals(1, cache.getCacheStats(T0).pendingWrites());
        cache.flushIfDue(T0.plus(HOUR));
        assertFalse(store.states.containsKey("a"));
    }
}
