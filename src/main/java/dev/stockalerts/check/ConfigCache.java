package dev.stockalerts.check;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/** Reads the config item at most once per TTL per container; a missing item means defaults. */
public final class ConfigCache {
    private final ConfigStore store;
    private final Duration ttl;
    private final Clock clock;
    private final Consumer<String> log;
    private RuntimeConfig cached;
    private Instant loadedAt;

    public ConfigCache(ConfigStore store, Duration ttl, Clock clock, Consumer<String> log) {
        this.store = store;
        this.ttl = ttl;
        this.clock = clock;
        this.log = log;
    }

    public synchronized RuntimeConfig get() {
        Instant now = clock.instant();
        if (cached == null || !now.isBefore(loadedAt.plus(ttl))) {
            try {
                cached = store.load().orElse(RuntimeConfig.DEFAULTS);
                loadedAt = now;
            } catch (ConfigStore.WrongLayout e) {
                throw e; // not a passing failure: running on the config cached before would check the wrong alerts
            } catch (RuntimeException e) {
                // A throttled or failed read must not stop a run that has a config already: keep it, ask again next time.
                if (cached == null) throw e;
                log.accept("[Config] Could not refresh the config item, keeping the cached one: " + e.getMessage());
            }
        }
        return cached;
    }
}
