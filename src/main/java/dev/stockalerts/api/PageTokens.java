package dev.stockalerts.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Continuation tokens of paged lists: {@code v1.<position>.<mac>}, base64url. The position is where the next page
 * starts (for the alert list, the last id shown); the MAC is HMAC-SHA256 over the version, the list's name and the
 * position. So a client cannot forge a position, and a token works only for the list that issued it: a token of
 * "alerts" is refused by "history:a1", and one of "history:a1" by "history:a2". Positions are not secret (they are
 * ids the client saw), so they are signed, not encrypted. Every paged list uses this class with its own name.
 *
 * <p>The key is loaded on first use and kept: every container of the function must share it, so it comes from the
 * store (see {@code DynamoPageTokenKey}), not from memory.
 */
public final class PageTokens {
    static final int MAX_TOKEN_LENGTH = 2048;
    private static final String VERSION = "v1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final Supplier<byte[]> keySource;
    private volatile SecretKeySpec key;

    public PageTokens(Supplier<byte[]> keySource) {
        this.keySource = Objects.requireNonNull(keySource, "keySource");
    }

    String issue(String list, String position) {
        byte[] raw = position.getBytes(StandardCharsets.UTF_8);
        return VERSION + "." + ENCODER.encodeToString(raw) + "." + ENCODER.encodeToString(mac(list, raw));
    }

    /** The position a token of {@code list} carries; 400 naming {@code field} for anything else. */
    String open(String list, String token, String field) {
        String[] parts = token.length() > MAX_TOKEN_LENGTH ? new String[0] : token.split("\\.", -1);
        if (parts.length == 3 && parts[0].equals(VERSION)) {
            try {
                byte[] raw = DECODER.decode(parts[1]);
                if (MessageDigest.isEqual(mac(list, raw), DECODER.decode(parts[2]))) {
                    return new String(raw, StandardCharsets.UTF_8);
                }
            } catch (IllegalArgumentException notBase64) {
                // refused below
            }
        }
        throw new InvalidRequest("invalid query parameters", Map.of(field, "is not a token this list issued;"
                + " use the \"next\" of the previous page as it came, or leave it out to start from the first page"));
    }

    private byte[] mac(String list, byte[] position) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            mac.update((VERSION + "\n" + list + "\n").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(position);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e); // part of every JDK
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec loaded = key;
        if (loaded == null) {
            synchronized (this) {
                if (key == null) key = new SecretKeySpec(keySource.get(), "HmacSHA256");
                loaded = key;
            }
        }
        return loaded;
    }
}
