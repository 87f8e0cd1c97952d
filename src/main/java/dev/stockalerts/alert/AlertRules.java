package dev.stockalerts.alert;

import dev.stockalerts.market.MarketCalendars;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules of an alert definition's fields, stated once: callers that read a definition from outside (the API) ask
 * for every violation at once, field by field ({@link #violations}); {@link Alert} and {@link RearmPolicy} enforce the
 * same rules on construction, except the realistic bounds below ({@link #invariants}).
 *
 * <p>Numbers a client sends are bounded by what a price or a daily move can realistically be, far inside what any
 * store keeps exactly (DynamoDB's numbers span 1e-130 to 1e126): a level of 1e200 is a typo, not an alert. The bounds
 * are input rules, not invariants: a definition stored before they existed (a level of 2e9, a move of -150%) must
 * still load and be checked, since failing its load would stop its whole shard. Its next edit meets the bounds.
 */
public final class AlertRules {
    /** Ticker symbols as the providers spell them: AAPL, BRK-B, BRK.B, ^GSPC, EURUSD=X. */
    public static final Pattern SYMBOL = Pattern.compile("^[A-Z0-9^][A-Z0-9.\\-=^]{0,14}$");
    /** Prices from a sub-micro-cent token to well past any share price (BRK-A trades near 10^6). */
    public static final double MIN_PRICE = 1e-8;
    public static final double MAX_PRICE = 1e9;
    /** A day's move in percent: a fall can be at most 100%, a rise rarely beyond a few hundred. */
    public static final double MIN_PERCENT = -100;
    public static final double MAX_PERCENT = 1000;
    public static final double SMALLEST_PERCENT = 0.01;
    /** What a stored number can be at all (DynamoDB's range): the only bound that is an invariant. */
    static final double MIN_STORABLE = 1e-130;
    static final double MAX_STORABLE = 9.9e125;
    public static final int MAX_NOTE_LENGTH = 500;
    /** Telegram's chat ids: integers of up to 52 bits, negative for groups and channels. */
    public static final Pattern TELEGRAM_CHAT = Pattern.compile("^-?[1-9][0-9]{0,15}$");
    public static final int MAX_CHANNELS = 10;
    private static final Pattern CHANNEL = Pattern.compile("^[a-z][a-z0-9_-]{0,31}$");

    static final String PRICE_RANGE = "from " + plain(MIN_PRICE) + " to " + plain(MAX_PRICE);

    private AlertRules() {}

    /**
     * What is wrong with these field values, by field; empty when they make a valid alert. A null is a field not
     * given (its default applies where it has one); a caller that could not read a field passes null and reports it.
     */
    public static Map<String, String> violations(String symbol, Condition condition, Double level, List<String> channels,
                                                 String note, String market) {
        return check(symbol, condition, level, channels, note, market, true);
    }

    /** The same, without the realistic bounds: what no alert may be however it came (a positive, storable price...). */
    static Map<String, String> invariants(String symbol, Condition condition, Double level, List<String> channels,
                                          String note, String market) {
        return check(symbol, condition, level, channels, note, market, false);
    }

    private static Map<String, String> check(String symbol, Condition condition, Double level, List<String> channels,
                                             String note, String market, boolean bounded) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (symbol == null) problems.put("symbol", "is required");
        else if (!SYMBOL.matcher(symbol).matches()) {
            problems.put("symbol", "must be a ticker symbol such as AAPL, BRK-B, ^GSPC or EURUSD=X");
        }
        if (condition == null) problems.put("condition", "is required; one of " + names(Condition.values()));
        String levelProblem = levelProblem(condition, level, bounded);
        if (levelProblem != null) problems.put("level", levelProblem);
        String channelProblem = channelProblem(channels);
        if (channelProblem != null) problems.put("channels", channelProblem);
        if (note != null && note.codePointCount(0, note.length()) > MAX_NOTE_LENGTH) {
            problems.put("note", "must be at most " + MAX_NOTE_LENGTH + " characters");
        }
        if (market != null && !MarketCalendars.ids().contains(market)) {
            problems.put("market", "must be one of " + String.join(", ", MarketCalendars.ids())
                    + " (XNYS: NYSE/Nasdaq hours and holidays; ALWAYS: around the clock), or left out for the service's default");
        }
        return problems;
    }

    /** Without a known condition a level is held to the price rule, the rule of four conditions out of five. */
    private static String levelProblem(Condition condition, Double level, boolean bounded) {
        boolean percent = condition == Condition.PERCENT_CHANGE;
        String expected = percent
                ? "must be a percentage from " + plain(MIN_PERCENT) + " to " + plain(MAX_PERCENT) + " (positive: up by,"
                        + " negative: down by), at least " + plain(SMALLEST_PERCENT) + " away from zero"
                : "must be a positive price " + PRICE_RANGE;
        if (level == null) return "is required; " + expected;
        boolean ok;
        if (!bounded) ok = (percent || level > 0) && isStorable(Math.abs(level));
        else if (percent) ok = level >= MIN_PERCENT && level <= MAX_PERCENT && Math.abs(level) >= SMALLEST_PERCENT;
        else ok = isPrice(level);
        return ok ? null : expected; // NaN fails every comparison, infinities every bound
    }

    private static String channelProblem(List<String> channels) {
        if (channels == null) return null; // the default channel
        if (channels.isEmpty()) return "must name at least one channel";
        if (channels.size() > MAX_CHANNELS) return "must name at most " + MAX_CHANNELS + " channels";
        for (String name : channels) {
            if (name == null || !CHANNEL.matcher(name).matches()) return "must be channel names such as webhook or telegram";
        }
        return null;
    }

    /** A note as kept: stripped, and none when blank. */
    public static String note(String note) {
        return note == null || note.isBlank() ? null : note.strip();
    }

    /** A market id as kept: stripped and upper-case, and none (the service's default) when blank. */
    public static String market(String market) {
        return market == null || market.isBlank() ? null : market.strip().toUpperCase(java.util.Locale.ROOT);
    }

    static boolean isStorable(double magnitude) {
        return magnitude >= MIN_STORABLE && magnitude <= MAX_STORABLE;
    }

    static boolean isPrice(double value) {
        return value >= MIN_PRICE && value <= MAX_PRICE;
    }

    static String names(Enum<?>[] values) {
        return String.join(", ", java.util.Arrays.stream(values).map(Enum::name).toList());
    }

    /** 1e-8 as 0.00000001: a bound in an error message should read as a number, not as a formula. */
    static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
