package dev.stockalerts.dynamo;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShardTest {

    /** Computed apart from this code (Python's hashlib: first 8 bytes of SHA-256, big-endian, unsigned, mod n). */
    @Test
    void anAlertsShardIsTheFirstEightBytesOfTheSha256OfItsIdModuloTheCount() {
        assertEquals(2, Shard.of("sim-00000", 4).index());
        assertEquals(3, Shard.of("sim-00001", 8).index());
        assertEquals(6, Shard.of("0194f3a2-7c1e-7a3b-9f00-123456789abc", 8).index());
        assertEquals(2, Shard.of("0194f3a2-7c1e-7a3b-9f00-123456789abc", 3).index());
        assertEquals(0, Shard.of("a1", 4).index());
        assertEquals(Shard.ONLY, Shard.of("anything", 1));
    }

    @Test
    void idsMadeOneAfterAnotherSpreadEvenlyOverTheShards() {
        List<String> seeded = IntStream.range(0, 10_000).mapToObj(i -> String.format(Locale.ROOT, "sim-%05d", i)).toList();
        long start = Instant.parse("2026-11-23T14:00:00Z").toEpochMilli();
        // Time-ordered like the API's ids: the same leading bits for alerts made in the same millisecond.
        List<String> timeOrdered = IntStream.range(0, 10_000)
                .mapToObj(i -> new UUID(((start + i / 10) << 16) | 0x7000L | i % 10, 0x8000000000000000L | i).toString()).toList();
        // Within 10% of an even share: about four standard deviations of a fair split at 8 shards.
        for (List<String> ids : List.of(seeded, timeOrdered)) {
            for (int count : new int[] {2, 4, 8}) {
                int[] perShard = new int[count];
                ids.forEach(id -> perShard[Shard.of(id, count).index()]++);
                double expected = ids.size() / (double) count;
                for (int n : perShard) {
                    assertTrue(Math.abs(n - expected) < expected * 0.1, count + " shards: " + java.util.Arrays.toString(perShard));
                }
            }
        }
    }

    @Test
    void oneShardKeepsTheUnshardedNamesAndSeveralNumberTheirs() {
        assertEquals(List.of("ALERT", "STATE", "alertsRevision"),
                List.of(Shard.ONLY.alerts(), Shard.ONLY.states(), Shard.ONLY.revision()));
        Shard third = new Shard(2, 4);
        assertEquals(List.of("ALERT#2", "STATE#2", "alertsRevision#2"), List.of(third.alerts(), third.states(), third.revision()));
        assertEquals(List.of(new Shard(0, 3), new Shard(1, 3), new Shard(2, 3)), Shard.all(3));
    }

    @Test
    void aShardOutsideTheCountIsRefusedWithTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Shard(4, 4));
        assertEquals("shard must be a whole number from 0 to 3, got 4", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Shard(-1, 4));
        assertThrows(IllegalArgumentException.class, () -> new Shard(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Shard(0, Shard.MAX_COUNT + 1));
    }
}
