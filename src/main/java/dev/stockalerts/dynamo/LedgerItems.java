package dev.stockalerts.dynamo;

import dev.stockalerts.state.DeliveryLedger;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.stockalerts.dynamo.Items.*;

/**
 * Delivery ledger ↔ item (pk STATE, sk "~ledger#" + id). In the states' partition so the hourly
 * Query of states brings them along; "~" sorts after every alert id, so they come last.
 */
final class LedgerItems {
    static final String PARTITION = StateItems.PARTITION;
    static final String SK_PREFIX = "~ledger#";
    static final String ATTEMPT = "attempt";
    static final String OWED = "owed";

    private LedgerItems() {}

    static Map<String, AttributeValue> toItem(DeliveryLedger ledger) {
        Map<String, AttributeValue> item = new HashMap<>(key(ledger.id()));
        item.put(ATTEMPT, n(ledger.attempt()));
        item.put(OWED, owed(ledger.owed()));
        return item;
    }

    static Map<String, AttributeValue> key(String ledgerId) {
        return Items.key(PARTITION, SK_PREFIX + ledgerId);
    }

    static boolean isLedger(Map<String, AttributeValue> item) {
        String sk = string(item, SK);
        return sk != null && sk.startsWith(SK_PREFIX);
    }

    static AttributeValue owed(List<DeliveryLedger.Owed> owed) {
        return AttributeValue.fromL(owed.stream().map(o -> AttributeValue.fromM(Map.of(
                "a", s(o.alertId()),
                "f", n(o.fireCount()),
                "c", strings(o.channels())))).toList());
    }

    static DeliveryLedger fromItem(Map<String, AttributeValue> item) {
        AttributeValue owed = item.get(OWED);
        List<DeliveryLedger.Owed> entries = owed == null || !owed.hasL() ? List.of() : owed.l().stream()
                .map(AttributeValue::m)
                .map(m -> new DeliveryLedger.Owed(string(m, "a"), (int) integer(m, "f", 0), stringList(m, "c")))
                .toList();
        return new DeliveryLedger(string(item, SK).substring(SK_PREFIX.length()), integer(item, ATTEMPT, 0), entries);
    }
}
