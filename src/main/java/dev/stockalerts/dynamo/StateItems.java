package dev.stockalerts.dynamo;

import dev.stockalerts.alert.AlertState;
import dev.stockalerts.alert.Side;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.Map;

import static dev.stockalerts.dynamo.Items.*;

/**
 * Alert state ↔ item (pk STATE, or STATE#k with shards; sk alert id). Short attribute names: states are read and written in bulk.
 * What a firing still owes is not stored here but in its delivery ledger.
 */
final class StateItems {
    static final String VERSION = "v";
    /** The definition's trigger revision side and armed were derived under; absent (0) before any edit. */
    static final String TRIGGER_REVISION = "tr";

    private StateItems() {}

    static Map<String, AttributeValue> toItem(Shard shard, AlertState state, long version) {
        Map<String, AttributeValue> item = new HashMap<>(key(shard.states(), state.alertId()));
        item.put("armed", AttributeValue.fromBool(state.armed()));
        if (state.side() != Side.UNKNOWN) item.put("side", s(state.side().name()));
        if (state.lastFiredAt() != null) item.put("firedAt", s(state.lastFiredAt().toString()));
        if (state.lastFiredPrice() != null) item.put("firedPrice", n(state.lastFiredPrice()));
        if (state.fireCount() > 0) item.put("fires", n(state.fireCount()));
        if (state.triggerRevision() > 0) item.put(TRIGGER_REVISION, n(state.triggerRevision()));
        item.put(VERSION, n(version));
        return item;
    }

    static AlertState fromItem(Map<String, AttributeValue> item) {
        AttributeValue armed = item.get("armed");
        String side = string(item, "side");
        return new AlertState(
                string(item, SK),
                armed == null || Boolean.TRUE.equals(armed.bool()),
                side == null ? Side.UNKNOWN : Side.valueOf(side),
                instant(item, "firedAt"),
                number(item, "firedPrice"),
                (int) integer(item, "fires", 0),
                integer(item, VERSION, 0),
                integer(item, TRIGGER_REVISION, 0));
    }
}
