package dev.stockalerts.config;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Typed reads of environment variables; every failure names the variable and what was wrong. */
final class Env {
    private final Map<String, String> vars;

    Env(Map<String, String> vars) {
        this.vars = vars;
    }

    String optional(String name) {
        String value = vars.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    String string(String name, String fallback) {
        String value = optional(name);
        return value == null ? fallback : value;
    }

    String required(String name) {
        String value = optional(name);
        if (value == null) throw new SettingsException(name + " is required but not set");
        return value;
    }

    /**
     * A secret that must have a shape (e.g. Telegram's 1-256 of A-Z a-z 0-9 _ -), or null when not set. A wrong one is
     * refused naming the variable and the shape, never echoing the value.
     */
    String secret(String name, Pattern shape, String described) {
        String value = optional(name);
        if (value != null && !shape.matcher(value).matches()) {
            throw new SettingsException(name + " must be " + described + " (its value is not shown: it is a secret)");
        }
        return value;
    }

    /** A comma-separated list, each entry trimmed, empty ones dropped; each must match {@code entry}. */
    List<String> list(String name, Pattern entry, String described) {
        String value = optional(name);
        if (value == null) return List.of();
        List<String> entries = Arrays.stream(value.split(",")).map(String::trim).filter(e -> !e.isEmpty()).toList();
        for (String e : entries) {
            if (!entry.matcher(e).matches()) throw new SettingsException(name + " must list " + described + ", got '" + e + "'");
        }
        return entries;
    }

    Duration duration(String name, Duration fallback) {
        String value = optional(name);
        if (value == null) return fallback;
        try {
            Duration parsed = Duration.parse(value);
            if (parsed.isNegative()) throw new SettingsException(name + " must not be negative, got '" + value + "'");
            return parsed;
        } catch (DateTimeParseException e) {
            throw new SettingsException(name + " must be an ISO-8601 duration such as PT1H, got '" + value + "'");
        }
    }

    URI uri(String name, URI fallback) {
        return uri(name, fallback, false);
    }

    /** A URL whose path or query is a credential (a webhook's): an error names the variable, never the value. */
    URI secretUri(String name) {
        return uri(name, null, true);
    }

    private URI uri(String name, URI fallback, boolean secret) {
        String value = optional(name);
        if (value == null) return fallback;
        String problem = secret ? name + " is not an http(s) URL (its value is not shown: a webhook URL is a secret)"
                : name + " must be an http(s) URL, got '" + value + "'";
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) throw new SettingsException(problem);
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new SettingsException(problem);
        }
    }

    boolean bool(String name, boolean fallback) {
        String value = optional(name);
        if (value == null) return fallback;
        if (value.equalsIgnoreCase("true")) return true;
        if (value.equalsIgnoreCase("false")) return false;
        throw new SettingsException(name + " must be true or false, got '" + value + "'");
    }

    int integer(String name, int fallback, int min, int max) {
        String value = optional(name);
        if (value == null) return fallback;
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) return parsed;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SettingsException(name + " must be a whole number from " + min + " to " + max + ", got '" + value + "'");
    }

    int positiveInt(String name, int fallback) {
        try {
            return integer(name, fallback, 1, Integer.MAX_VALUE);
        } catch (SettingsException e) {
            throw new SettingsException(name + " must be a positive whole number, got '" + optional(name) + "'");
        }
    }

    String oneOf(String name, String fallback, String... allowed) {
        String value = optional(name);
        if (value == null) return fallback;
        for (String a : allowed) if (a.equalsIgnoreCase(value)) return a;
        throw new SettingsException(name + " must be one of " + String.join(", ", allowed) + ", got '" + value + "'");
    }
}
