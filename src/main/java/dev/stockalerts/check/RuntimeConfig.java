package dev.stockalerts.check;

/**
 * The shared config item (CONFIG/global). {@code alertsRevision} is bumped by the API on every
 * alert change, so the scheduled function re-reads definitions only when they changed.
 */
public record RuntimeConfig(long alertsRevision) {
    public static final RuntimeConfig DEFAULTS = new RuntimeConfig(0);
}
