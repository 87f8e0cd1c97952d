package dev.stockalerts.local;

import java.util.List;
import java.util.Map;

/** How `simulate` and `serve` read the environment they run in: one rule for both. */
final class LocalEnvironment {
    /** Variables that point quotes at real providers: with any of them set, there is no simulated feed. */
    static final List<String> PROVIDER_VARIABLES = List.of(
            "QUOTE_PROVIDERS", "YAHOO_BASE_URL", "STOOQ_BASE_URL", "FINNHUB_API_KEY", "FINNHUB_BASE_URL");

    private LocalEnvironment() {}

    /** Whether {@code name} has a value that is not blank (a blank one counts as unset, as for the functions). */
    static boolean isSet(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value != null && !value.isBlank();
    }

    /** Whether quotes come from real providers rather than the simulated feed. */
    static boolean providerConfigured(Map<String, String> environment) {
        return PROVIDER_VARIABLES.stream().anyMatch(name -> isSet(environment, name));
    }
}
