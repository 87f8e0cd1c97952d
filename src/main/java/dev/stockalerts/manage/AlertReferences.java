package dev.stockalerts.manage;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.quote.QuoteService;
import dev.stockalerts.time.Deadline;

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

    /** Problems by field of a new alert: its symbol must be one a provider knows, its channels configured. */
    public Map<String, String> problems(String symbol, List<String> named, Deadline deadline) {
        Map<String, String> problems = new LinkedHashMap<>();
        // Half the request's time at most: the write that follows needs the rest.
        if (symbol != null && quotes.lookup(List.of(symbol), deadline.share(0.5)).unknown().contains(symbol)) {
            problems.put("symbol", "unknown symbol");
        }
        problems.putAll(channelProblems(named));
        return problems;
    }

    /** Problems by field of the channels an alert names ({@code named} null: the default channels). */
    public Map<String, String> channelProblems(List<String> named) {
        Map<String, String> problems = new LinkedHashMap<>();
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
