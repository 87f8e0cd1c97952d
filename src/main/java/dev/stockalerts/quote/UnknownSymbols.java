package dev.stockalerts.quote;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Symbols every provider said do not exist, remembered for a while so that asking for made-up symbols
 * (on the public quote route) cannot drain the providers' quotas. Bounded, so it cannot drain memory either.
 */
final class UnknownSymbols {
    /** ~100 bytes each: a few MB at most. */
    static final int MAX_ENTRIES = 50_000;

    private final Duration ttl;
    private final Map<String, Instant> until = new ConcurrentHashMap<>();

    /** @param ttl how long a symbol stays unknown; zero remembers nothing */
    UnknownSymbols(Duration ttl) {
        if (ttl.isNegative()) throw new IllegalArgumentException("ttl must not be negative: " + ttl);
        this.ttl = ttl;
    }

    boolean remembers(String symbol, Instant now) {
        Instant expiry = until.get(symbol);
        if (expiry == null) return false;
        if (now.isBefore(expiry)) return true;
        until.remove(symbol, expiry);
        return false;
    }

    void remember(String symbol, Instant now) {
        if (ttl.isZero()) return;
        if (until.size() >= MAX_ENTRIES) {
            until.values().removeIf(expiry -> !now.isBefore(expiry));
            if (until.size() >= MAX_ENTRIES) return; // full of live entries: asking again is the lesser harm
        }
        until.put(symbol, now.plus(ttl));
    }
}
