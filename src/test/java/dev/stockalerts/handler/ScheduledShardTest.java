package dev.stockalerts.handler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.Condition;
import dev.stockalerts.alert.RearmPolicy;
import dev.stockalerts.dynamo.Shard;
import dev.stockalerts.testing.CronHarness;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which shard a scheduled event runs, for the events as EventBridge sends them. */
class ScheduledShardTest {

    private static JsonNode withShard(String shard) {
        return read("{\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\",\"detail\":{\"shard\":" + shard + "}}");
    }

    private static JsonNode sample(String file) {
        try {
            return read(Files.readString(Path.of("events", file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return ScheduledShard.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void thePlainScheduleEventIsShardZeroAndAShardsEventNamesItsShard() {
        assertEquals(0, ScheduledShard.of(sample("schedule.json"), 1));
        assertEquals(0, ScheduledShard.of(sample("schedule.json"), 4));
        assertEquals(1, ScheduledShard.of(sample("schedule-shard-1.json"), 2));
        assertEquals(7, ScheduledShard.of(withShard("7"), 8));
    }

    @Test
    void anEmptyInvocationIsThePlainScheduleAndAnEventThatIsNotJsonFailsSayingSo() {
        assertEquals(0, ScheduledShard.of(read(""), 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read("{\"detail\":"));
        assertTrue(e.getMessage().startsWith("the scheduled event is not JSON: "), e.getMessage());
    }

    @Test
    void aShardOutsideTheCountOrNotAWholeNumberFailsTheRunWithTheReason() {
        JsonNode shardOne = sample("schedule-shard-1.json");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScheduledShard.of(shardOne, 1));
        assertEquals("the scheduled event's detail.shard must be a whole number from 0 to 0 (ALERT_SHARDS is 1), got 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ScheduledShard.of(withShard("\"1\""), 4));
        assertEquals("the scheduled event's detail.shard must be a whole number from 0 to 3 (ALERT_SHARDS is 4), got \"1\"", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScheduledShard.of(withShard("1.5"), 4));
        assertThrows(IllegalArgumentException.class, () -> ScheduledShard.of(withShard("-1"), 4));
    }

    @Test
    void theSampleShardEventRunsThatShardsAlertsOnly() {
        try (CronHarness harness = new CronHarness().env("ALERT_SHARDS", "2")) {
            harness.market.set("AAPL", 205);
            List<String> ids = List.of("a1", "a2", "a3", "a4", "a5", "a6");
            ids.forEach(id -> harness.putAlert(new Alert(id, "AAPL", Condition.ABOVE, 200, RearmPolicy.once(), List.of("webhook"), CronHarness.T0)));
            long inShardOne = ids.stream().filter(id -> Shard.of(id, 2).index() == 1).count();
            assertEquals(4, inShardOne, "a2, a3, a5 and a6 (a1 and a4 are shard 0's)");
            Map<String, Object> report = harness.container().handler().check(sample("schedule-shard-1.json"), null);
            assertEquals(1, report.get("shard"));
            assertEquals((int) inShardOne, report.get("alertsChecked"));
            assertEquals((int) inShardOne, report.get("alertsFired"));
        }
    }
}
