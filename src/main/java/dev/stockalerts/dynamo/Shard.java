package dev.stockalerts.dynamo;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One of {@code count} shards of the alerts, and where its items live: its definitions partition, its states
 * partition (states and delivery ledgers) and its alerts revision on the config item. An alert's shard is the first
 * 8 bytes of the SHA-256 of its id, unsigned, modulo {@code count}: the same in every JVM, language and deploy, and
 * even across shards whatever the ids look like ({@code String.hashCode} is neither well spread nor promised).
 *
 * <p>With one shard the names are the unsharded ones ({@code ALERT}, {@code STATE}, {@code alertsRevision}), so a
 * table from before sharding is a one-shard table as it is.
 */
public record Shard(int index, int count) {
    /** The most shards ALERT_SHARDS may ask for (template.yaml declares schedules for 8). */
    public static final int MAX_COUNT = 64;
    public static final Shard ONLY = new Shard(0, 1);

    static final String ALERTS = "ALERT";
    static final String STATES = "STATE";
    static final String REVISION = "alertsRevision";

    public Shard {
        if (count < 1 || count > MAX_COUNT) throw new IllegalArgumentException("shard count must be 1 to " + MAX_COUNT + ", got " + count);
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("shard must be a whole number from 0 to " + (count - 1) + ", got " + index);
        }
    }

    /** The shard an alert belongs to among {@code count}. */
    public static Shard of(String alertId, int count) {
        byte[] digest = sha256().digest(alertId.getBytes(StandardCharsets.UTF_8));
        return new Shard((int) Long.remainderUnsigned(ByteBuffer.wrap(digest).getLong(), count), count);
    }

    /** Every shard of {@code count}, in order; a count out of range is refused. */
    public static List<Shard> all(int count) {
        new Shard(0, count);
        return IntStream.range(0, count).mapToObj(i -> new Shard(i, count)).toList();
    }

    /** Partition key of this shard's alert definitions. */
    String alerts() {
        return named(ALERTS);
    }

    /** Partition key of this shard's states and delivery ledgers. */
    String states() {
        return named(STATES);
    }

    /** Attribute of the config item bumped with every change of one of this shard's definitions. */
    String revision() {
        return named(REVISION);
    }

    private String named(String unsharded) {
        return count == 1 ? unsharded : unsharded + "#" + index;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
