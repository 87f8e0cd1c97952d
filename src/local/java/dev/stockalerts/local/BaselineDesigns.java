package dev.stockalerts.local;

import dev.stockalerts.alert.AlertState;
import dev.stockalerts.alert.Side;
import dev.stockalerts.check.StoreUsage;
import dev.stockalerts.state.StateStore;
import dev.stockalerts.time.Deadline;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The designs we compare against, replayed through the same state adapter on DynamoDB Local:
 * <ul>
 *   <li>naive: every run reads and writes every alert's state, one item per call (the seed's "before");</li>
 *   <li>original: the seed's cache ported to DynamoDB: an hourly bulk load, and an hourly flush of every
 *   state, since last price and last check change every run.</li>
 * </ul>
 * Their per-hour cost does not depend on prices, so one hour of each is measured.
 */
final class BaselineDesigns {
    private BaselineDesigns() {}

    static List<AlertState> states(int count) {
        Instant firedAt = Instant.parse("2026-11-22T15:35:00Z");
        // Fire count 0: a state read is then one GetItem, with no ledger to look up, as the seed's was.
        return IntStream.range(0, count).mapToObj(i -> new AlertState(String.format("sim-%05d", i), false,
                i % 2 == 0 ? Side.ABOVE : Side.BELOW, firedAt, 100.0 + i % 400, 0, 0)).toList();
    }

    /** Twelve runs, each reading and writing every state one by one. Measured on one run, times 12. */
    static StoreUsage naiveHour(StateStore store, List<AlertState> states, LocalDatabase db) {
        StoreUsage before = db.metrics().snapshot();
        for (AlertState state : states) {
            store.load(state.alertId());
            store.writeBatch(List.of(state), List.of(), Deadline.none());
        }
        StoreUsage run = db.metrics().snapshot().minus(before);
        return new StoreUsage(run.calls() * 12, run.readUnits() * 12, run.writeUnits() * 12, run.callsByOperation());
    }

    /** One hourly cycle: a bulk load of every state and a batched flush of every state. */
    static StoreUsage originalHour(StateStore store, List<AlertState> states, LocalDatabase db) {
        StoreUsage before = db.metrics().snapshot();
        store.loadAll();
        store.writeBatch(states, List.of(), Deadline.none());
        return db.metrics().snapshot().minus(before);
    }
}
