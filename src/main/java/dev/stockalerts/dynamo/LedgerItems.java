package dev.stockalerts.dynamo;

import dev.stockalerts.alert.Firing;
import dev.stockalerts.alert.Trigger;
import dev.stockalerts.delivery.DeliveryLedger;
import dev.stockalerts.delivery.OwedChannel;
import dev.stockalerts.delivery.OwedFiring;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.stockalerts.dynamo.Items.*;

/**
 * Delivery ledger ↔ item (pk STATE or STATE#k, sk "~ledger#" + id). In its shard's states partition so the hourly
 * Query of states brings them along; "~" sorts after every alert id, so they come last. Each owed
 * firing carries what its notification says, so it can be sent whatever became of the alert's state.
 */
final class LedgerItems {
    static final String SK_PREFIX = "~ledger#";
    static final String ATTEMPT = "attempt";
    static final String CLAIM = "claim";

    private LedgerItems() {}

    /** @param expiresAt DynamoDB TTL: an orphaned ledger goes by itself */
    static Map<String, AttributeValue> toItem(Shard shard, DeliveryLedger ledger, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(key(shard, ledger.id()));
        item.put(ATTEMPT, n(ledger.attempt()));
        item.put(CLAIM, s(ledger.claim()));
        item.put("next", s(ledger.nextAttemptAt().toString()));
        item.put("owed", AttributeValue.fromL(ledger.owed().stream().map(LedgerItems::owed).toList()));
        item.put(EXPIRES_AT, n(expiresAt.getEpochSecond()));
        return item;
    }

    static Map<String, AttributeValue> key(Shard shard, String ledgerId) {
        return Items.key(shard.states(), SK_PREFIX + ledgerId);
    }

    static boolean isLedger(Map<String, AttributeValue> item) {
        String sk = string(item, SK);
        return sk != null && sk.startsWith(SK_PREFIX);
    }

    private static AttributeValue owed(OwedFiring o) {
        Firing f = o.firing();
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("a", s(f.alertId()));
        m.put("f", n(f.fireCount()));
        m.put("t", s(f.firedAt().toString()));
        m.put("p", n(f.price()));
        if (f.trigger() != Trigger.LAST_PRICE) m.put("x", s(f.trigger().name()));
        m.put("c", AttributeValue.fromL(o.channels().stream()
                .map(c -> AttributeValue.fromM(Map.of("n", s(c.name()), "u", n(c.unanswered())))).toList()));
        if (!o.settled().isEmpty()) m.put("s", AttributeValue.fromL(o.settled().stream().map(HistoryItems::outcome).toList()));
        return AttributeValue.fromM(m);
    }

    static DeliveryLedger fromItem(Map<String, AttributeValue> item) {
        AttributeValue owed = item.get("owed");
        List<OwedFiring> entries = owed == null || !owed.hasL() ? List.of() : owed.l().stream()
                .map(AttributeValue::m).map(LedgerItems::owedFiring).toList();
        String claim = string(item, CLAIM);
        Instant next = instant(item, "next");
        return new DeliveryLedger(string(item, SK).substring(SK_PREFIX.length()), integer(item, ATTEMPT, 0),
                claim == null ? "" : claim, next == null ? Instant.EPOCH : next, entries);
    }

    private static OwedFiring owedFiring(Map<String, AttributeValue> m) {
        String trigger = string(m, "x");
        Firing firing = new Firing(string(m, "a"), (int) integer(m, "f", 0), instant(m, "t"), number(m, "p"),
                trigger == null ? Trigger.LAST_PRICE : Trigger.valueOf(trigger));
        AttributeValue channels = m.get("c");
        List<OwedChannel> owed = channels == null || !channels.hasL() ? List.of() : channels.l().stream()
                .map(AttributeValue::m).map(c -> new OwedChannel(string(c, "n"), (int) integer(c, "u", 0))).toList();
        return new OwedFiring(firing, owed, HistoryItems.outcomes(m.get("s")));
    }
}
