package dev.stockalerts.quote;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnknownSymbolsTest {
    private static final Instant T0 = Instant.parse("2026-11-23T14:00:00Z");

    @Test
    void aSymbolIsRememberedForItsTtlOnly() {
        UnknownSymbols unknown = new UnknownSymbols(Duration.ofHours(1));
        unknown.remember("NOPE", T0);
        assertTrue(unknown.remembers("NOPE", T0.plus(Duration.ofMinutes(59))));
        assertFalse(unknown.remembers("NOPE", T0.plus(Duration.ofHours(1))));
        assertFalse(unknown.remembers("OTHER", T0));
    }

    @Test
    void itStaysBoundedMakingRoomFromExpiredEntriesOnly() {
        UnknownSymbols unknown = new UnknownSymbols(Duration.ofHours(1));
        for (int i = 0; i < UnknownSymbols.MAX_ENTRIES; i++) unknown.remember("X" + i, T0);

        unknown.remember("LATE", T0.plus(Duration.ofMinutes(30)));
        assertFalse(unknown.remembers("LATE", T0.plus(Duration.ofMinutes(31))), "full of live entries: not remembered");
        assertTrue(unknown.remembers("X0", T0.plus(Duration.ofMinutes(31))));

        unknown.remember("LATER", T0.plus(Duration.ofHours(2)));
        assertTrue(unknown.remembers("LATER", T0.plus(Duration.ofHours(2))), "expired entries made room");
    }

    @Test
    void aZeroTtlRemembersNothing() {
        UnknownSymbols unknown = new UnknownSymbols(Duration.ZERO);
        unknown.remember("NOPE", T0);
        assertFalse(unknown.remembers("NOPE", T0));
    }
}
