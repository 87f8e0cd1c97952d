package dev.stockalerts.dynamo;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.Condition;
import dev.stockalerts.alert.RearmPolicy;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.stockalerts.dynamo.Items.*;

/** Alert definition ↔ item (pk ALERT, or ALERT#k with shards; sk alert id). Items from before edits existed have no revisions: read as 1. */
final class AlertItems {
    /** Set by the API's re-arm request (UpdateItem), read by the scheduled function. */
    static final String REARM_REQUESTED_AT = "rearmRequestedAt";
    static final String REVISION = "revision";
    /** The chat an alert made in Telegram answers to; no edit changes it, so it is outside {@link #editable}. */
    static final String TELEGRAM_CHAT = "telegramChat";

    private AlertItems() {}

    static Map<String, AttributeValue> toItem(Shard shard, Alert alert) {
        Map<String, AttributeValue> item = new HashMap<>(key(shard.alerts(), alert.id()));
        item.put("symbol", s(alert.symbol()));
        editable(alert).forEach((name, value) -> {
            if (value != null) item.put(name, value);
        });
        if (alert.createdAt() != null) item.put("createdAt", s(alert.createdAt().toString()));
        if (alert.rearmRequestedAt() != null) item.put(REARM_REQUESTED_AT, s(alert.rearmRequestedAt().toString()));
        if (alert.telegramChat() != null) item.put(TELEGRAM_CHAT, s(alert.telegramChat()));
        return item;
    }

    /**
     * What an edit may change, and the revisions, as attribute → value; an absent optional attribute maps to null
     * (to be removed), so an edit can be one UpdateItem that leaves symbol, creation time and a re-arm request alone.
     */
    static Map<String, AttributeValue> editable(Alert alert) {
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        values.put("condition", s(alert.condition().name()));
        values.put("level", n(alert.level()));
        values.put("rearm", s(alert.rearm().kind().name()));
        values.put("hysteresis", alert.rearm().kind() == RearmPolicy.Kind.REARM ? n(alert.rearm().hysteresis()) : null);
        values.put("cooldown", alert.rearm().cooldown() == null ? null : s(alert.rearm().cooldown().toString()));
        values.put("channels", strings(alert.channels()));
        values.put("note", alert.note() == null ? null : s(alert.note()));
        values.put("market", alert.market() == null ? null : s(alert.market()));
        values.put(REVISION, n(alert.revision()));
        values.put("triggerRevision", n(alert.triggerRevision()));
        return values;
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
                instant(item, REARM_REQUESTED_AT),
                string(item, "note"),
                integer(item, REVISION, 1),
                integer(item, "triggerRevision", 1),
                string(item, "market"),
                string(item, TELEGRAM_CHAT));
    }
}
