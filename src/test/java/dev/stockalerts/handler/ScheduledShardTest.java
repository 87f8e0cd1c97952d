package dev.stockalerts.handler;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.Condition;
import dev.stockalerts.alert.RearmPolicy;
import dev.stockalerts.dynamo.Shard;
import dev.stockalerts.testing.CronHarness;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Which shard a scheduled event runs, for the events as the Java runtime deserializes them. */
class ScheduledShardTest {

    private static ScheduledEvent withShard(Object shard) {
        ScheduledEvent event = new ScheduledEvent();
        event.setDetail(Map.of("shard", shard));
        return event;
    }

    @Test
    void thePlainScheduleEventIsShardZeroAndAShardsEventNamesItsShard() {
        assertEquals(0, ScheduledShard.of(EventLoader.loadScheduledEvent("events/schedule.json"), 1));
        assertEquals(0, ScheduledShard.of(EventLoader.loadScheduledEvent("events/schedule.json"), 4));
        assertEquals(1, ScheduledShard.of(EventLoader.loadScheduledEvent("events/schedule-shard-1.json"), 2));
        assertEquals(7, ScheduledShard.of(withShard(7L), 8));
    }

    @Test
    void aShardOutsideTheCountOrNotAWholeNumberFailsTheRunWithTheReason() {
        ScheduledEvent shardOne = EventLoader.loadScheduledEvent("events/schedule-shard-1.json");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScheduledShard.of(shardOne, 1));
        assertEquals("the scheduled event's detail.shard must be a whole number from 0 to 0 (ALERT_SHARDS is 1), got 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ScheduledShard.of(withShard("1"), 4));
        assertEquals("the scheduled event's detail.shard must be a whole number from 0 to 3 (ALERT_SHARDS is 4), got \"1\"", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScheduledShard.of(withShard(1.5), 4));
        assertThrows(IllegalArgumentException.class, () -> ScheduledShard.of(withShard(-1), 4));
    }

    @Test
    void theSampleShardEventRunsThatShardsAlertsOnly() {
        try (CronHarness harness = new CronHarness().env("ALERT_SHARDS", "2")) {
            harness.market.set("AAPL", 205);
            List<String> ids = List.of("a1", "a2", "a3", "a4", "a5", "a6");
            ids.forEach(id -> harness.putAlert(new Alert(id, "AAPL", Condition.ABOVE, 200, RearmPolicy.once(), List.of("webhook"), CronHarness.T0)));
            long inShardOne = ids.stream().filter(id -> Shard.of(id, 2).index() == 1).count();
            assertEquals(4, inShardOne, "a2, a3, a5 and a6 (a1 and a4 are shard 0's)");
            Map<String, Object> report = harness.container().handler()
                    .handleRequest(EventLoader.loadScheduledEvent("events/schedule-shard-1.json"), null);
            assertEquals(1, report.get("shard"));
            assertEquals((int) inShardOne, report.get("alertsChecked"));
            assertEquals((int) inShardOne, report.get("alertsFired"));
        }
    }
}
