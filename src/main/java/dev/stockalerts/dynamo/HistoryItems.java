package dev.stockalerts.dynamo;

import dev.stockalerts.alert.Firing;
import dev.stockalerts.alert.Trigger;
import dev.stockalerts.delivery.ChannelOutcome;
import dev.stockalerts.delivery.FiringRecord;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.stockalerts.dynamo.Items.*;

/**
 * Firing record ↔ item (pk "HISTORY#" + alert id, sk the firing's time and count, zero-padded so the sort
 * key orders by time): one partition per alert, read newest first for its history.
 */
final class HistoryItems {
    static final String PARTITION_PREFIX = "HISTORY#";

    private HistoryItems() {}

    static String partition(String alertId) {
        return PARTITION_PREFIX + alertId;
    }

    static String sortKey(Firing f) {
        return String.format(Locale.ROOT, "%013d#%010d", f.firedAt().toEpochMilli(), f.fireCount());
    }

    static Map<String, AttributeValue> toItem(FiringRecord record, Instant expiresAt) {
        Firing f = record.firing();
        Map<String, AttributeValue> item = new HashMap<>(key(partition(f.alertId()), sortKey(f)));
        item.put("t", s(f.firedAt().toString()));
        item.put("f", n(f.fireCount()));
        item.put("p", n(f.price()));
        item.put("x", s(f.trigger().name()));
        item.put("c", AttributeValue.fromL(record.channels().stream().map(HistoryItems::outcome).toList()));
        item.put(EXPIRES_AT, n(expiresAt.getEpochSecond()));
        return item;
    }

    static AttributeValue outcome(ChannelOutcome c) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("n", s(c.channel()));
        m.put("s", s(c.status().name()));
        if (c.detail() != null) m.put("d", s(c.detail()));
        return AttributeValue.fromM(m);
    }

    static ChannelOutcome outcome(Map<String, AttributeValue> m) {
        return new ChannelOutcome(string(m, "n"), ChannelOutcome.Status.valueOf(string(m, "s")), string(m, "d"));
    }

    static List<ChannelOutcome> outcomes(AttributeValue list) {
        return list == null || !list.hasL() ? List.of() : list.l().stream().map(AttributeValue::m).map(HistoryItems::outcome).toList();
    }

    static FiringRecord fromItem(Map<String, AttributeValue> item) {
        String alertId = string(item, PK).substring(PARTITION_PREFIX.length());
        Firing firing = new Firing(alertId, (int) integer(item, "f", 0), instant(item, "t"), number(item, "p"),
                Trigger.valueOf(string(item, "x")));
        return new FiringRecord(firing, outcomes(item.get("c")));
    }
}
