package dev.stockalerts.bot;

import dev.stockalerts.alert.AlertRules;
import dev.stockalerts.alert.Condition;
import dev.stockalerts.alert.RearmPolicy;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a chat message as a {@link Command}. Pure: words in, a command out. It reads the words only (is "above" a
 * condition, is "200" a number); whether the values make an alert is for the domain's rules, as for the API.
 */
public final class CommandParser {
    private static final Pattern COMMAND = Pattern.compile("^/([A-Za-z0-9_]{1,32})(?:@[A-Za-z0-9_]{1,64})?$");
    private static final Pattern PRICE = Pattern.compile("^\\$?([0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)$");
    private static final Pattern PERCENT = Pattern.compile("^([+-]?(?:[0-9]+(?:\\.[0-9]+)?|\\.[0-9]+))%?$");
    private static final Pattern NUMBER = Pattern.compile("^([0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)$");
    /** 90s, 30m, 1h, 1h30m, 2d. */
    private static final Pattern SHORT_DURATION = Pattern.compile("^(?:([0-9]{1,5})d)?(?:([0-9]{1,6})h)?(?:([0-9]{1,7})m)?(?:([0-9]{1,9})s)?$");
    /** What ids look like (server-made UUIDs, or their last characters): anything else matches nothing. */
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");

    private CommandParser() {}

    /** A word of the message and where it starts, so a note keeps its own spacing. */
    private record Word(String text, int start) {
        String lower() {
            return text.toLowerCase(Locale.ROOT);
        }
    }

    public static Command parse(String text) {
        List<Word> words = words(text == null ? "" : text);
        if (words.isEmpty() || !words.get(0).text().startsWith("/")) return new Command.NotACommand();
        Matcher command = COMMAND.matcher(words.get(0).text());
        if (!command.matches()) return new Command.Unknown(words.get(0).text());
        String name = command.group(1).toLowerCase(Locale.ROOT);
        List<Word> args = words.subList(1, words.size());
        return switch (name) {
            case "start", "help" -> new Command.Help();
            case "price" -> price(args);
            case "alert" -> alert(args, text);
            case "alerts" -> alerts(args);
            case "delete" -> one(BotCommands.DELETE, args, Command.Delete::new);
            case "rearm" -> one(BotCommands.REARM, args, Command.Rearm::new);
            case "history" -> one(BotCommands.HISTORY, args, Command.History::new);
            default -> new Command.Unknown("/" + name);
        };
    }

    private static Command price(List<Word> args) {
        if (args.size() != 1) return new Command.Wrong(BotCommands.PRICE, args.isEmpty() ? "which symbol?" : "one symbol at a time");
        String symbol = args.get(0).text().toUpperCase(Locale.ROOT);
        if (!AlertRules.SYMBOL.matcher(symbol).matches()) {
            return new Command.Wrong(BotCommands.PRICE, "'" + shortened(args.get(0).text()) + "' is not a ticker symbol such as AAPL, BRK-B or ^GSPC");
        }
        return new Command.Price(symbol);
    }

    private static Command alerts(List<Word> args) {
        if (args.isEmpty()) return new Command.ListAlerts(1);
        if (args.size() == 1 && args.get(0).text().matches("[1-9][0-9]{0,4}")) {
            return new Command.ListAlerts(Integer.parseInt(args.get(0).text()));
        }
        return new Command.Wrong(BotCommands.ALERTS, "it takes no arguments (or a page number)");
    }

    private static Command one(BotCommands which, List<Word> args, java.util.function.Function<String, Command> make) {
        if (args.size() != 1) return new Command.Wrong(which, args.isEmpty() ? "which alert? /alerts shows their ids" : "one id at a time");
        String ref = args.get(0).text();
        if (!ID.matcher(ref).matches()) return new Command.Wrong(which, "'" + shortened(ref) + "' is not an alert id; /alerts shows them");
        return make.apply(ref);
    }

    private static Command alert(List<Word> args, String text) {
        if (args.size() < 3) return new Command.Wrong(BotCommands.ALERT, "it needs a symbol, a condition and a level");
        String symbol = args.get(0).text().toUpperCase(Locale.ROOT);
        int at = 1;
        Condition condition;
        String first = args.get(at).lower();
        if (first.equals("crosses") || first.equals("cross")) {
            String side = args.size() > at + 1 ? args.get(at + 1).lower() : "";
            if (side.equals("above")) condition = Condition.CROSSES_ABOVE;
            else if (side.equals("below")) condition = Condition.CROSSES_BELOW;
            else return new Command.Wrong(BotCommands.ALERT, "'crosses' goes with 'above' or 'below'");
            at += 2;
        } else {
            condition = switch (first) {
                case "above" -> Condition.ABOVE;
                case "below" -> Condition.BELOW;
                case "move" -> Condition.PERCENT_CHANGE;
                default -> null;
            };
            if (condition == null) {
                return new Command.Wrong(BotCommands.ALERT, "'" + shortened(args.get(at).text())
                        + "' is not a condition: above, below, crosses above, crosses below or move");
            }
            at += 1;
        }
        if (args.size() <= at) return new Command.Wrong(BotCommands.ALERT, "the level is missing");
        String levelText = args.get(at).text();
        Matcher level = (condition == Condition.PERCENT_CHANGE ? PERCENT : PRICE).matcher(levelText);
        if (!level.matches()) {
            return new Command.Wrong(BotCommands.ALERT, condition == Condition.PERCENT_CHANGE
                    ? "'" + shortened(levelText) + "' is not a move such as +5% or -3%"
                    : "'" + shortened(levelText) + "' is not a price such as 200 or 187.5");
        }
        at += 1;

        RearmPolicy.Kind rearm = null;
        Double hysteresis = null;
        Duration cooldown = null;
        if (args.size() > at) {
            switch (args.get(at).lower()) {
                case "once" -> {
                    rearm = RearmPolicy.Kind.ONCE;
                    at += 1;
                }
                case "cooldown" -> {
                    if (args.size() <= at + 1 || (cooldown = duration(args.get(at + 1).text())) == null) {
                        return new Command.Wrong(BotCommands.ALERT, "cooldown needs a time such as 30m, 1h or 2d");
                    }
                    rearm = RearmPolicy.Kind.COOLDOWN;
                    at += 2;
                }
                case "hysteresis" -> {
                    Matcher number = args.size() > at + 1 ? NUMBER.matcher(args.get(at + 1).text()) : null;
                    if (number == null || !number.matches()) {
                        return new Command.Wrong(BotCommands.ALERT, "hysteresis needs a number such as 2: how far back past the level the price goes before the alert re-arms");
                    }
                    rearm = RearmPolicy.Kind.REARM;
                    hysteresis = Double.parseDouble(number.group(1));
                    at += 2;
                }
                default -> { }
            }
        }
        String note = args.size() > at ? text.substring(args.get(at).start()).strip() : null;
        return new Command.CreateAlert(symbol, condition, Double.parseDouble(level.group(1)), rearm, hysteresis, cooldown, note);
    }

    /** 30m, 1h, 1h30m, 2d, or ISO-8601 (PT1H); null when neither. */
    static Duration duration(String text) {
        Matcher m = SHORT_DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (m.matches() && !text.isEmpty()) {
            Duration d = Duration.ZERO;
            if (m.group(1) != null) d = d.plusDays(Long.parseLong(m.group(1)));
            if (m.group(2) != null) d = d.plusHours(Long.parseLong(m.group(2)));
            if (m.group(3) != null) d = d.plusMinutes(Long.parseLong(m.group(3)));
            if (m.group(4) != null) d = d.plusSeconds(Long.parseLong(m.group(4)));
            return d;
        }
        try {
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static List<Word> words(String text) {
        List<Word> words = new ArrayList<>();
        Matcher m = Pattern.compile("\\S+").matcher(text);
        while (m.find()) words.add(new Word(m.group(), m.start()));
        return words;
    }

    /** What the user typed, echoed back at most this long. */
    private static String shortened(String word) {
        return word.length() <= 32 ? word : word.substring(0, 32) + "...";
    }
}
