package dev.stockalerts.alert;

import dev.stockalerts.market.MarketCalendars;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The invariants of an alert definition's fields, stated once: {@link Alert} and {@link RearmPolicy} enforce them,
 * and callers that read a definition from outside (the API) ask for every violation at once, field by field.
 *
 * <p>Numbers are bounded by what a price or a daily move can realistically be, far inside what any store keeps
 * exactly (DynamoDB's numbers span 1e-130 to 1e126): a level of 1e200 is a typo, not an alert.
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
    public static final int MAX_NOTE_LENGTH = 500;
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
        Map<String, String> problems = new LinkedHashMap<>();
        if (symbol == null) problems.put("symbol", "is required");
        else if (!SYMBOL.matcher(symbol).matches()) {
            problems.put("symbol", "must be a ticker symbol such as AAPL, BRK-B, ^GSPC or EURUSD=X");
        }
        if (condition == null) problems.put("condition", "is required; one of " + names(Condition.values()));
        String levelProblem = levelProblem(condition, level);
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
    private static String levelProblem(Condition condition, Double level) {
        boolean percent = condition == Condition.PERCENT_CHANGE;
        String expected = percent
                ? "must be a percentage from " + plain(MIN_PERCENT) + " to " + plain(MAX_PERCENT) + " (positive: up by,"
                        + " negative: down by), at least " + plain(SMALLEST_PERCENT) + " away from zero"
                : "must be a positive price " + PRICE_RANGE;
        if (level == null) return "is required; " + expected;
        boolean ok = percent
                ? level >= MIN_PERCENT && level <= MAX_PERCENT && Math.abs(level) >= SMALLEST_PERCENT
                : isPrice(level);
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
