package dev.stockalerts.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.AlertRules;
import dev.stockalerts.alert.Condition;
import dev.stockalerts.alert.RearmPolicy;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The alert in a request body (POST /alerts, or an alert with a PATCH merged in), read for its JSON shape only:
 * types, names and unknown fields. What the values must satisfy is the domain's ({@link AlertRules},
 * {@link RearmPolicy#violations}); {@link #problems()} puts both together, one message per field, so a client can
 * fix everything in one go. A JSON null is a field not given. Unknown fields are errors: a misspelt "hysterisis"
 * silently defaulting to 0 would be worse than a 400.
 */
final class AlertRequest {
    static final Set<String> FIELDS = Set.of("symbol", "condition", "level", "rearm", "channels", "note", "market");
    private static final Set<String> REARM_FIELDS = Set.of("policy", "hysteresis", "cooldown");

    private final Map<String, String> problems = new LinkedHashMap<>();
    private String symbol;
    private Condition condition;
    private Double level;
    private boolean rearmGiven;
    private RearmPolicy.Kind kind;
    private Double hysteresis;
    private Duration cooldown;
    private List<String> channels;
    private String note;
    private String market;

    private AlertRequest() {}

    static AlertRequest read(ObjectNode body) {
        AlertRequest request = new AlertRequest();
        request.readFields(body);
        return request;
    }

    private void readFields(ObjectNode body) {
        symbol = text(body.get("symbol"), "symbol");
        if (symbol != null) symbol = symbol.trim().toUpperCase(Locale.ROOT);
        condition = named(body.get("condition"), "condition", Condition.values());
        level = number(body.get("level"), "level");
        JsonNode rearm = body.get("rearm");
        if (given(rearm) && !rearm.isObject()) {
            problems.put("rearm", "must be an object such as {\"policy\":\"REARM\",\"hysteresis\":2}");
        } else if (given(rearm)) {
            rearmGiven = true;
            kind = named(rearm.get("policy"), "rearm.policy", RearmPolicy.Kind.values());
            hysteresis = number(rearm.get("hysteresis"), "rearm.hysteresis");
            cooldown = duration(rearm.get("cooldown"));
            unknown(rearm, REARM_FIELDS, "rearm.");
        }
        channels = names(body.get("channels"));
        note = AlertRules.note(text(body.get("note"), "note"));
        market = AlertRules.market(text(body.get("market"), "market"));
        unknown(body, FIELDS, "");
    }

    /** Shape errors first; then, for every field that had none, what the domain says of its value. */
    Map<String, String> problems() {
        Map<String, String> all = new LinkedHashMap<>(problems);
        AlertRules.violations(symbol, condition, level, channels, note, market).forEach(all::putIfAbsent);
        if (rearmGiven) {
            boolean policyUnreadable = problems.containsKey("rearm.policy");
            RearmPolicy.violations(kind, hysteresis, cooldown).forEach((field, message) -> {
                // Without a readable policy, "applies only to policy X" would be a guess.
                if (!policyUnreadable || field.equals("rearm.policy")) all.putIfAbsent(field, message);
            });
        }
        return all;
    }

    String symbol() {
        return symbol;
    }

    List<String> channels() {
        return channels;
    }

    /** The alert this request creates; only after {@link #problems()} came back empty. */
    Alert toAlert(String id, Instant createdAt) {
        return new Alert(id, symbol, condition, level, rearm(), channels, createdAt, null, note, 1, 1, market);
    }

    /** {@code current} edited to this request's values; only after {@link #problems()} came back empty. */
    Alert applyTo(Alert current) {
        return current.edited(condition, level, rearm(), channels, note, market);
    }

    private RearmPolicy rearm() {
        return rearmGiven ? new RearmPolicy(kind, hysteresis == null ? 0 : hysteresis, cooldown) : null;
    }

    private static boolean given(JsonNode node) {
        return node != null && !node.isNull();
    }

    private String text(JsonNode node, String field) {
        if (!given(node)) return null;
        if (node.isTextual()) return node.asText();
        problems.put(field, "must be a string");
        return null;
    }

    private Double number(JsonNode node, String field) {
        if (!given(node)) return null;
        if (node.isNumber()) return node.asDouble(); // out of range or not finite: the domain's bounds say so
        problems.put(field, "must be a number");
        return null;
    }

    private <E extends Enum<E>> E named(JsonNode node, String field, E[] values) {
        if (!given(node)) return null;
        String name = node.isTextual() ? node.asText().trim().toUpperCase(Locale.ROOT) : "";
        for (E value : values) {
            if (value.name().equals(name)) return value;
        }
        problems.put(field, "must be one of " + Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", ")));
        return null;
    }

    private Duration duration(JsonNode node) {
        if (!given(node)) return null;
        try {
            if (node.isTextual()) return Duration.parse(node.asText().trim());
        } catch (DateTimeParseException malformed) {
            // reported below
        }
        problems.put("rearm.cooldown", "must be a positive ISO-8601 duration such as PT1H");
        return null;
    }

    private List<String> names(JsonNode node) {
        if (!given(node)) return null;
        List<String> names = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode item : node) {
                if (!item.isTextual()) break;
                names.add(item.asText().trim());
            }
            if (names.size() == node.size()) return names;
        }
        problems.put("channels", "must be a list of channel names such as [\"webhook\"]");
        return null;
    }

    private void unknown(JsonNode object, Set<String> known, String prefix) {
        object.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) problems.put(prefix + name, "unknown field");
        });
    }
}
