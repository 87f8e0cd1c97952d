package dev.stockalerts.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Continuation tokens of paged lists: {@code v2.<key id>.<position>.<mac>}, base64url. The position is where the next
 * page starts (for the alert list, the last id shown); the MAC is HMAC-SHA256 over the version, the list's name and the
 * position. So a client cannot forge a position, and a token works only for the list that issued it: a token of
 * "alerts" is refused by "history:a1", and one of "history:a1" by "history:a2". Positions are not secret (they are
 * ids the client saw), so they are signed, not encrypted. Every paged list uses this class with its own name.
 *
 * <p>The key comes from the store (see {@code DynamoPageTokenKey}), shared by every container of the function. A
 * rotated key reaches a warm container within {@link #KEY_REFRESH}, or at once when a token names a key id this
 * container does not hold (reloads of that kind at most once per {@link #RELOAD_AT_MOST_EVERY}, so forged key ids cost
 * nothing). Tokens signed with a key that was rotated away are refused.
 */
public final class PageTokens {
    static final int MAX_TOKEN_LENGTH = 2048;
    static final Duration KEY_REFRESH = Duration.ofMinutes(5);
    static final Duration RELOAD_AT_MOST_EVERY = Duration.ofSeconds(30);
    private static final String VERSION = "v2";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** A key and the short id tokens name it by (the start of its SHA-256: says which key, reveals nothing of it). */
    private record Key(SecretKeySpec spec, String id, Instant loadedAt) {}

    private final Supplier<byte[]> keySource;
    private final Clock clock;
    private Key key;
    private Instant lastReload = Instant.MIN;

    public PageTokens(Supplier<byte[]> keySource, Clock clock) {
        this.keySource = Objects.requireNonNull(keySource, "keySource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    String issue(String list, String position) {
        Key k = key(false);
        byte[] raw = position.getBytes(StandardCharsets.UTF_8);
        return VERSION + "." + k.id() + "." + ENCODER.encodeToString(raw) + "." + ENCODER.encodeToString(mac(k, list, raw));
    }

    /** The position a token of {@code list} carries; 400 naming {@code field} for anything else. */
    String open(String list, String token, String field) {
        String[] parts = token.length() > MAX_TOKEN_LENGTH ? new String[0] : token.split("\\.", -1);
        if (parts.length == 4 && parts[0].equals(VERSION)) {
            try {
                Key k = key(false);
                if (!k.id().equals(parts[1])) k = key(true);
                byte[] raw = DECODER.decode(parts[2]);
                if (k.id().equals(parts[1]) && MessageDigest.isEqual(mac(k, list, raw), DECODER.decode(parts[3]))) {
                    return new String(raw, StandardCharsets.UTF_8);
                }
            } catch (IllegalArgumentException notBase64) {
                // refused below
            }
        }
        throw new InvalidRequest("invalid query parameters", Map.of(field, "is not a token this list issued;"
                + " use the \"next\" of the previous page as it came, or leave it out to start from the first page"));
    }

    private static byte[] mac(Key k, String list, byte[] position) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(k.spec());
            mac.update((VERSION + "\n" + list + "\n").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(position);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e); // part of every JDK
        }
    }

    /** The key, loaded when none is held or it is older than the refresh, or on an unknown key id (rate-limited). */
    private synchronized Key key(boolean unknownIdSeen) {
        Instant now = clock.instant();
        boolean stale = key == null || !now.isBefore(key.loadedAt().plus(KEY_REFRESH));
        boolean worthReloading = unknownIdSeen && !now.isBefore(lastReload.plus(RELOAD_AT_MOST_EVERY));
        if (stale || worthReloading) {
            byte[] raw = keySource.get();
            key = new Key(new SecretKeySpec(raw, "HmacSHA256"), keyId(raw), now);
            lastReload = now;
        }
        return key;
    }

    private static String keyId(byte[] raw) {
        try {
            return ENCODER.encodeToString(Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(raw), 6));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e); // part of every JDK
        }
    }
}
