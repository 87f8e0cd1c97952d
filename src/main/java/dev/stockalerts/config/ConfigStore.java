package dev.stockalerts.config;

import java.util.Optional;

/** Where the shared config item lives. */
public interface ConfigStore {
    Optional<RuntimeConfig> load();
}
