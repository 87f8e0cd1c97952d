package dev.stockalerts.check;

import dev.stockalerts.local.SimulatedClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConfigCacheTest {
    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-11-23T14:00:00Z"));
    private int reads;
    private RuntimeException failure;
    private long revision = 1;

    private final ConfigStore store = () -> {
        reads++;
        if (failure != null) throw failure;
        return Optional.of(new RuntimeConfig(revision));
    };
    private final List<String> logged = new ArrayList<>();
    private final ConfigCache cache = new ConfigCache(store, Duration.ofMinutes(1), clock, logged::add);

    @Test
    void readsTheItemAtMostOncePerTtl() {
        cache.get();
        clock.advance(Duration.ofSeconds(59));
        cache.get();
        assertEquals(1, reads);
        revision = 2;
        clock.advance(Duration.ofSeconds(1));
        assertEquals(2, cache.get().alertsRevision());
        assertEquals(2, reads);
    }

    @Test
    void aMissingItemMeansDefaults() {
        ConfigCache empty = new ConfigCache(Optional::empty, Duration.ofMinutes(1), clock, logged::add);
        assertEquals(RuntimeConfig.DEFAULTS, empty.get());
    }

    @Test
    void aFailedRefreshKeepsTheCachedConfigAndRetriesNextTime() {
        cache.get();
        failure = new IllegalStateException("throttled");
        clock.advance(Duration.ofMinutes(5));
        assertEquals(1, cache.get().alertsRevision());
        assertEquals(List.of("[Config] Could not refresh the config item, keeping the cached one: throttled"), logged);
        failure = null;
        revision = 3;
        assertEquals(3, cache.get().alertsRevision(), "asked again on the next call, not after another TTL");
    }

    @Test
    void withoutAConfigYetTheFailureIsTheCallersToSee() {
        failure = new IllegalStateException("throttled");
        assertThrows(IllegalStateException.class, cache::get);
    }

    @Test
    void aTableLaidOutForAnotherShardCountFailsTheCallerEvenWithAConfigCached() {
        cache.get();
        failure = new ConfigStore.WrongLayout("laid out for 4 shards");
        clock.advance(Duration.ofMinutes(5));
        assertThrows(ConfigStore.WrongLayout.class, cache::get);
    }
}
