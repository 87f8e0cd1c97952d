package dev.stockalerts.api;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.quote.QuoteService;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an alert names outside itself, checked against this deployment: its symbol must not be one every quote
 * provider denies knowing (accepted unverified while they are down), its channels must be configured here.
 */
public final class AlertReferences {
    private final Set<String> channels;
    private final QuoteService quotes;

    /** @param channels the configured notification channels ({@code Notifier.channelNames()}) */
    public AlertReferences(Collection<String> channels, QuoteService quotes) {
        this.channels = new TreeSet<>(channels);
        this.quotes = quotes;
    }

    /**
     * Problems by field. {@code symbol} null: not to be looked up (unchanged, or already invalid); {@code named}
     * null: the default channels.
     */
    Map<String, String> problems(String symbol, List<String> named) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (symbol != null && quotes.lookup(List.of(symbol)).unknown().contains(symbol)) {
            problems.put("symbol", "unknown symbol");
        }
        List<String> wanted = named == null ? Alert.DEFAULT_CHANNELS : named;
        Set<String> unknown = new LinkedHashSet<>(wanted);
        unknown.removeAll(channels);
        if (!unknown.isEmpty()) {
            String configured = "configured: " + String.join(", ", channels);
            problems.put("channels", named == null
                    ? "the default channel " + String.join(", ", unknown) + " is not configured; name channels (" + configured + ")"
                    : "not configured: " + String.join(", ", unknown) + " (" + configured + ")");
        }
        return problems;
    }
}
