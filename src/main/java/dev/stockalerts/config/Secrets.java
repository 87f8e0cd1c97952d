package dev.stockalerts.config;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Secrets live in SSM Parameter Store as SecureStrings. A function is given their parameter names
 * ({@code FINNHUB_API_KEY_PARAMETER}, ...) and reads the values it needs once, when its container
 * starts. A plain variable ({@code FINNHUB_API_KEY}, ...) wins when set, so local runs need no AWS.
 * Webhook URLs count as secrets: their paths are the credential of most chat and automation webhooks.
 */
public final class Secrets {
    /** A secret: its plain variable, and the variable naming its SSM parameter. */
    public enum Secret {
        FINNHUB_API_KEY, TELEGRAM_BOT_TOKEN, ALERT_WEBHOOK_URL, ADMIN_WEBHOOK_URL, TELEGRAM_WEBHOOK_SECRET;

        public String variable() {
            return name();
        }

        public String parameterVariable() {
            return name() + "_PARAMETER";
        }
    }

    /** Reads SecureString parameters, decrypted; the answer holds the names that exist and may be read. */
    @FunctionalInterface
    public interface ParameterStore {
        Map<String, String> read(Collection<String> names);
    }

    /** SSM's own rule for parameter names (letters, digits and {@code _.-/}). */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.\\-/]{1,2048}");

    private Secrets() {}

    /**
     * The environment with the {@code wanted} secrets filled in from {@code store}: one read for all of
     * them, none when each is set plainly or not named at all (its feature stays off, as without a key).
     */
    public static Map<String, String> resolve(Map<String, String> env, Set<Secret> wanted, ParameterStore store) {
        Map<Secret, String> parameters = new LinkedHashMap<>();
        for (Secret secret : Secret.values()) {
            if (!wanted.contains(secret) || present(env.get(secret.variable()))) continue;
            String parameter = env.get(secret.parameterVariable());
            if (!present(parameter)) continue;
            parameter = parameter.trim();
            if (!NAME.matcher(parameter).matches()) {
                throw new SettingsException(secret.parameterVariable() + " must be an SSM parameter name such as "
                        + "/stock-alerts/" + secret.name().toLowerCase().replace('_', '-') + ", got '" + parameter + "'");
            }
            parameters.put(secret, parameter);
        }
        if (parameters.isEmpty()) return env;

        Map<String, String> values = store.read(List.copyOf(Set.copyOf(parameters.values())));
        Map<String, String> resolved = new HashMap<>(env);
        parameters.forEach((secret, parameter) -> {
            String value = values.get(parameter);
            if (!present(value)) {
                throw new SettingsException(secret.parameterVariable() + " names SSM parameter '" + parameter
                        + "', which does not exist or is empty");
            }
            resolved.put(secret.variable(), value);
        });
        return resolved;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
