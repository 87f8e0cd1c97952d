package dev.stockalerts.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.Condition;
import dev.stockalerts.alert.RearmPolicy;
import dev.stockalerts.quote.QuoteService;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks a POST /alerts body field by field and reports every problem at once, keyed by field
 * ("level", "rearm.cooldown"), so a client can fix them all in one go. Unknown fields are errors too:
 * a misspelt "hysterisis" silently defaulting to 0 would be worse than a 400.
 */
public final class AlertRequestValidator {
    static final List<String> DEFAULT_CHANNELS = List.of("webhook");
    private static final Set<String> FIELDS = Set.of("symbol", "condition", "level", "rearm", "channels");
    private static final String CONDITIONS = names(Condition.values());
    private static final String POLICIES = names(RearmPolicy.Kind.values());

    /** A valid request, waiting for the id and creation time the server assigns. */
    public record AlertDraft(String symbol, Condition condition, double level, RearmPolicy rearm, List<String> channels) {
        public Alert toAlert(String id, Instant createdAt) {
            return new Alert(id, symbol, condition, level, rearm, channels, createdAt);
        }
    }

    /** Either a draft (no errors) or the field errors, in field order. */
    public record Validation(AlertDraft draft, Map<String, String> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private final Set<String> channels;
    private final QuoteService quotes;

    /** @param channels the configured notification channels ({@code Notifier.channelNames()}) */
    public AlertRequestValidator(Collection<String> channels, QuoteService quotes) {
        this.channels = new TreeSet<>(channels);
        this.quotes = quotes;
    }

    public Validation validate(ObjectNode body) {
        Map<String, String> errors = new LinkedHashMap<>();
        String symbol = symbol(body.get("symbol"), errors);
        Condition condition = condition(body.get("condition"), errors);
        Double level = level(body.get("level"), condition, errors);
        RearmPolicy rearm = rearm(body.get("rearm"), errors);
        List<String> channelList = channels(body.get("channels"), errors);
        body.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) errors.put(name, "unknown field");
        });
        if (!errors.isEmpty()) return new Validation(null, errors);
        return new Validation(new AlertDraft(symbol, condition, level, rearm, channelList), Map.of());
    }

    /** Well-formed, and not a symbol every provider denies knowing; accepted while providers are down. */
    private String symbol(JsonNode node, Map<String, String> errors) {
        if (node == null || node.isNull()) return fail(errors, "symbol", "is required");
        if (!node.isTextual()) return fail(errors, "symbol", "must be a string");
        String symbol = node.asText().trim().toUpperCase(Locale.ROOT);
        if (!Alert.SYMBOL.matcher(symbol).matches()) {
            return fail(errors, "symbol", "must be a ticker symbol such as AAPL, BRK-B, ^GSPC or EURUSD=X");
        }
        if (quotes.lookup(List.of(symbol)).unknown().contains(symbol)) return fail(errors, "symbol", "unknown symbol");
        return symbol;
    }

    private static Condition condition(JsonNode node, Map<String, String> errors) {
        if (node == null || node.isNull()) return fail(errors, "condition", "is required; one of " + CONDITIONS);
        try {
            if (node.isTextual()) return Condition.valueOf(node.asText().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            // reported below
        }
        return fail(errors, "condition", "must be one of " + CONDITIONS);
    }

    private static Double level(JsonNode node, Condition condition, Map<String, String> errors) {
        boolean percent = condition == Condition.PERCENT_CHANGE;
        String expected = percent ? "must be a non-zero percentage (positive: up by, negative: down by)"
                : "must be a positive number";
        if (node == null || node.isNull()) return fail(errors, "level", "is required; " + expected);
        double level = node.isNumber() ? node.asDouble() : Double.NaN;
        boolean ok = Double.isFinite(level) && (percent ? level != 0 : level > 0);
        return ok ? level : fail(errors, "level", expected);
    }

    private static RearmPolicy rearm(JsonNode node, Map<String, String> errors) {
        if (node == null || node.isNull()) return RearmPolicy.once();
        if (!node.isObject()) {
            return fail(errors, "rearm", "must be an object such as {\"policy\":\"REARM\",\"hysteresis\":2}");
        }
        RearmPolicy.Kind kind = null;
        JsonNode policy = node.get("policy");
        try {
            if (policy != null && policy.isTextual()) kind = RearmPolicy.Kind.valueOf(policy.asText().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            // reported below
        }
        if (kind == null) errors.put("rearm.policy", "must be one of " + POLICIES);
        double hysteresis = hysteresis(node.get("hysteresis"), kind, errors);
        Duration cooldown = cooldown(node.get("cooldown"), kind, errors);
        node.fieldNames().forEachRemaining(name -> {
            if (!Set.of("policy", "hysteresis", "cooldown").contains(name)) errors.put("rearm." + name, "unknown field");
        });
        if (kind == null || errors.keySet().stream().anyMatch(k -> k.startsWith("rearm."))) return null;
        return new RearmPolicy(kind, hysteresis, cooldown);
    }

    /** REARM only; absent means re-arm as soon as the price is back on the other side of the level. */
    private static double hysteresis(JsonNode node, RearmPolicy.Kind kind, Map<String, String> errors) {
        if (node == null || node.isNull()) return 0;
        if (kind != null && kind != RearmPolicy.Kind.REARM) {
            errors.put("rearm.hysteresis", "applies only to policy REARM");
            return 0;
        }
        double value = node.isNumber() ? node.asDouble() : Double.NaN;
        if (Double.isFinite(value) && value >= 0) return value;
        errors.put("rearm.hysteresis", "must be zero or a positive number");
        return 0;
    }

    private static Duration cooldown(JsonNode node, RearmPolicy.Kind kind, Map<String, String> errors) {
        boolean needed = kind == RearmPolicy.Kind.COOLDOWN;
        if (node == null || node.isNull()) {
            if (needed) errors.put("rearm.cooldown", "is required for policy COOLDOWN; an ISO-8601 duration such as PT1H");
            return null;
        }
        if (kind != null && !needed) {
            errors.put("rearm.cooldown", "applies only to policy COOLDOWN");
            return null;
        }
        try {
            Duration cooldown = node.isTextual() ? Duration.parse(node.asText().trim()) : null;
            if (cooldown != null && !cooldown.isNegative() && !cooldown.isZero()) return cooldown;
        } catch (DateTimeParseException malformed) {
            // reported below
        }
        errors.put("rearm.cooldown", "must be a positive ISO-8601 duration such as PT1H");
        return null;
    }

    private List<String> channels(JsonNode node, Map<String, String> errors) {
        String configured = "configured: " + String.join(", ", channels);
        List<String> names = new ArrayList<>();
        if (node == null || node.isNull()) {
            names.addAll(DEFAULT_CHANNELS);
        } else if (!node.isArray() || node.isEmpty()) {
            return fail(errors, "channels", "must be a non-empty list of channel names (" + configured + ")");
        } else {
            for (JsonNode item : node) {
                if (!item.isTextual()) return fail(errors, "channels", "must be a list of channel names (" + configured + ")");
                names.add(item.asText().trim());
            }
        }
        Set<String> unknown = names.stream().filter(n -> !channels.contains(n)).collect(Collectors.toCollection(LinkedHashSet::new));
        if (!unknown.isEmpty()) {
            String message = node == null || node.isNull()
                    ? "the default channel " + String.join(", ", unknown) + " is not configured; name channels (" + configured + ")"
                    : "not configured: " + String.join(", ", unknown) + " (" + configured + ")";
            return fail(errors, "channels", message);
        }
        return List.copyOf(new LinkedHashSet<>(names)); // a channel named twice is sent once anyway
    }

    private static <T> T fail(Map<String, String> errors, String field, String message) {
        errors.put(field, message);
        return null;
    }

    private static String names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", "));
    }
}
