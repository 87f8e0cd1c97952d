package dev.stockalerts.alert;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An alert definition, written by the API and read by the scheduled function. Its invariants are
 * {@link AlertRules}'; breaking one throws {@link InvalidAlert} naming the fields.
 *
 * @param channels         the notification channels it goes to; null means the default, {@code webhook}
 * @param rearm            null means {@link RearmPolicy#once()}
 * @param rearmRequestedAt when someone last asked (through the API) to re-arm it, or null: the API records the request
 *                         on the definition and the scheduled function, the only writer of states, applies it
 * @param note             free text for the people it notifies, or null
 * @param revision         1 when created, +1 with every edit: edits are conditional on the revision they were made from
 * @param triggerRevision  the revision at which the condition or level last changed: a state derived under an older
 *                         one is stale ({@link AlertEvaluator#applyDefinitionChange})
 * @param market           the market calendar it is checked on (XNYS, ALWAYS), or null for the service's default
 * @param telegramChat     the Telegram chat it was created from, where its Telegram notifications go; null for an alert
 *                         made through the API, whose notifications go to the service's chat (TELEGRAM_CHAT_ID)
 */
public record Alert(
        String id,
        String symbol,
        Condition condition,
        double level,
        RearmPolicy rearm,
        List<String> channels,
        Instant createdAt,
        Instant rearmRequestedAt,
        String note,
        long revision,
        long triggerRevision,
        String market,
        String telegramChat) {

    public static final Pattern SYMBOL = AlertRules.SYMBOL;
    public static final List<String> DEFAULT_CHANNELS = List.of("webhook");

    public Alert {
        Objects.requireNonNull(id, "id");
        note = AlertRules.note(note);
        market = AlertRules.market(market);
        Map<String, String> problems = AlertRules.invariants(symbol, condition, level, channels, note, market);
        if (telegramChat != null && !AlertRules.TELEGRAM_CHAT.matcher(telegramChat).matches()) {
            problems.put("telegramChat", "must be a Telegram chat id such as -1001234567890");
        }
        if (!problems.isEmpty()) throw new InvalidAlert(problems);
        if (revision < 1 || triggerRevision < 1 || triggerRevision > revision) {
            throw new IllegalArgumentException("revisions must satisfy 1 <= triggerRevision <= revision, got "
                    + triggerRevision + " and " + revision);
        }
        rearm = rearm == null ? RearmPolicy.once() : rearm;
        // A channel named twice is sent once anyway.
        channels = channels == null ? DEFAULT_CHANNELS : List.copyOf(new LinkedHashSet<>(channels));
    }

    /** A definition made through the API: no Telegram chat of its own. */
    public Alert(String id, String symbol, Condition condition, double level, RearmPolicy rearm, List<String> channels,
                 Instant createdAt, Instant rearmRequestedAt, String note, long revision, long triggerRevision, String market) {
        this(id, symbol, condition, level, rearm, channels, createdAt, rearmRequestedAt, note, revision, triggerRevision,
                market, null);
    }

    /** A definition as first created: nobody asked to re-arm it, never edited. */
    public Alert(String id, String symbol, Condition condition, double level, RearmPolicy rearm,
                 List<String> channels, Instant createdAt, Instant rearmRequestedAt) {
        this(id, symbol, condition, level, rearm, channels, createdAt, rearmRequestedAt, null, 1, 1, null);
    }

    /** A definition nobody has asked to re-arm. */
    public Alert(String id, String symbol, Condition condition, double level, RearmPolicy rearm,
                 List<String> channels, Instant createdAt) {
        this(id, symbol, condition, level, rearm, channels, createdAt, null);
    }

    /**
     * This alert edited: the next revision, and a new trigger revision when what makes it fire (condition or level)
     * changed. Identity, creation time, the Telegram chat and a pending re-arm request stay. An edit that changes nothing is no edit.
     */
    public Alert edited(Condition newCondition, double newLevel, RearmPolicy newRearm, List<String> newChannels, String newNote,
                        String newMarket) {
        Alert candidate = new Alert(id, symbol, newCondition, newLevel, newRearm, newChannels, createdAt, rearmRequestedAt,
                newNote, revision, triggerRevision, newMarket, telegramChat);
        if (candidate.equals(this)) return this;
        boolean triggerChanged = newCondition != condition || Double.compare(newLevel, level) != 0;
        return new Alert(id, symbol, newCondition, newLevel, newRearm, newChannels, createdAt, rearmRequestedAt,
                newNote, revision + 1, triggerChanged ? revision + 1 : triggerRevision, newMarket, telegramChat);
    }
}
