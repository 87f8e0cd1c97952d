package dev.stockalerts.manage;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * Alert ids as UUIDs of version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. They sort by creation
 * time as text, which is the order a DynamoDB Query returns the ALERT partition in, so a page of the list is one
 * Query and comes oldest first. Ids made before these (random UUIDs) sort among themselves by chance.
 */
public final class TimeOrderedIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TimeOrderedIds() {}

    public static String next(Instant now) {
        long millis = now.toEpochMilli();
        long high = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
