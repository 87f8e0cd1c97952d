package dev.stockalerts.state;

/** What the state cache holds right now; ages are null before the first load. */
public record CacheStats(int cachedStates, int pendingWrites, Long cacheAgeMs, Long timeSinceLastFlushMs) {}
