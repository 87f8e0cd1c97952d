package dev.stockalerts.dynamo;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.Condition;
import dev.stockalerts.alert.RearmPolicy;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static dev.stockalerts.dynamo.Items.*;

/** Alert definition ↔ item (pk ALERT, sk alert id). */
final class AlertItems {
    static final String PARTITION = "ALERT";
    /** Set by the API's re-arm request (UpdateItem), read by the scheduled function. */
    static final String REARM_REQUESTED_AT = "rearmRequestedAt";

    private AlertItems() {}

    static Map<String, AttributeValue> toItem(Alert alert) {
        Map<String, AttributeValue> item = new HashMap<>(key(PARTITION, alert.id()));
        item.put("symbol", s(alert.symbol()));
        item.put("condition", s(alert.condition().name()));
        item.put("level", n(alert.level()));
        item.put("rearm", s(alert.rearm().kind().name()));
        if (alert.rearm().kind() == RearmPolicy.Kind.REARM) item.put("hysteresis", n(alert.rearm().hysteresis()));
        if (alert.rearm().cooldown() != null) item.put("cooldown", s(alert.rearm().cooldown().toString()));
        item.put("channels", strings(alert.channels()));
        if (alert.createdAt() != null) item.put("createdAt", s(alert.createdAt().toString()));
        if (alert.rearmRequestedAt() != null) item.put(REARM_REQUESTED_AT, s(alert.rearmRequestedAt().toString()));
        return item;
    }

    static Alert fromItem(Map<String, AttributeValue> item) {
        RearmPolicy.Kind kind = RearmPolicy.Kind.valueOf(string(item, "rearm"));
        Double hysteresis = number(item, "hysteresis");
        String cooldown = string(item, "cooldown");
        return new Alert(
                string(item, SK),
                string(item, "symbol"),
                Condition.valueOf(string(item, "condition")),
                number(item, "level"),
                new RearmPolicy(kind, hysteresis == null ? 0 : hysteresis, cooldown == null ? null : Duration.parse(cooldown)),
                stringList(item, "channels"),
                instant(item, "createdAt"),
                instant(item, REARM_REQUESTED_AT));
    }
}
