package dev.stockalerts.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.AlertState;
import dev.stockalerts.alert.RearmPolicy;

import java.time.Instant;
import java.util.Set;

/** Alerts and their states as the API shows them: the shape POST /alerts accepts, plus id, times and revision. */
final class AlertJson {
    /** What a PATCH cannot change; it may repeat them as they are (a client sending back what it read). */
    static final Set<String> READ_ONLY = Set.of("id", "createdAt", "rearmRequestedAt", "revision", "telegramChat");

    private AlertJson() {}

    static ObjectNode alert(Alert a) {
        ObjectNode json = ApiJson.object();
        json.put("id", a.id());
        json.put("symbol", a.symbol());
        json.put("condition", a.condition().name());
        json.put("level", a.level());
        ObjectNode rearm = json.putObject("rearm").put("policy", a.rearm().kind().name());
        if (a.rearm().kind() == RearmPolicy.Kind.REARM) rearm.put("hysteresis", a.rearm().hysteresis());
        if (a.rearm().cooldown() != null) rearm.put("cooldown", a.rearm().cooldown().toString());
        a.channels().forEach(json.putArray("channels")::add);
        json.put("note", a.note());
        json.put("market", a.market());
        json.put("createdAt", text(a.createdAt()));
        json.put("rearmRequestedAt", text(a.rearmRequestedAt()));
        json.put("revision", a.revision());
        // The chat an alert was made from in Telegram (its notifications go there), null for one made here.
        json.put("telegramChat", a.telegramChat());
        return json;
    }

    /** What the scheduled function last stored; it may lag behind by up to the state write interval. */
    static ObjectNode state(AlertState s, java.util.List<String> owedChannels) {
        ObjectNode json = ApiJson.object();
        json.put("armed", s.armed());
        json.put("lastFiredAt", text(s.lastFiredAt()));
        json.put("lastFiredPrice", s.lastFiredPrice());
        json.put("fireCount", s.fireCount());
        owedChannels.forEach(json.putArray("pendingChannels")::add);
        return json;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
