package dev.stockalerts.check;

import java.util.Optional;

/** Where the shared config item lives. */
public interface ConfigStore {
    /** @throws WrongLayout when the table's alerts are laid out for another shard count than the reader's */
    Optional<RuntimeConfig> load();

    /**
     * The table's alerts are laid out for another number of shards than ALERT_SHARDS: a run would check the wrong
     * alerts or none, so none may run, not even on a config cached before, until the table is re-sharded.
     */
    final class WrongLayout extends IllegalStateException {
        public WrongLayout(String message) {
            super(message);
        }
    }
}
