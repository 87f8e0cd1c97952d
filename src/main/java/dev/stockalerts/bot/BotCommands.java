package dev.stockalerts.bot;

import java.util.List;

/**
 * What the bot understands, each command with its usage line and what it does: the help text, the answer to a wrong
 * argument and the menu Telegram shows (setMyCommands) all come from here.
 */
public enum BotCommands {
    PRICE("price", "/price SYMBOL", "the quote: price, change, day range", "/price AAPL"),
    ALERT("alert", "/alert SYMBOL above|below|crosses above|crosses below PRICE, or /alert SYMBOL move +5% (or -5%);"
            + " then optionally once, cooldown 1h or hysteresis 2; then optionally a note",
            "set an alert; its firings come to this chat", "/alert AAPL above 200 earnings run-up"),
    ALERTS("alerts", "/alerts", "this chat's alerts with their ids and state", "/alerts"),
    DELETE("delete", "/delete ID", "delete an alert (the id /alerts shows, or the whole id)", "/delete 3f9a1c"),
    REARM("rearm", "/rearm ID", "watch a fired alert again", "/rearm 3f9a1c"),
    HISTORY("history", "/history ID", "an alert's last firings and how each was delivered", "/history 3f9a1c"),
    HELP("help", "/help", "what this bot can do", "/help");

    /** As typed after the slash, lower case (Telegram: 1-32 of a-z, 0-9 and _). */
    private final String command;
    private final String usage;
    private final String description;
    private final String example;

    BotCommands(String command, String usage, String description, String example) {
        this.command = command;
        this.usage = usage;
        this.description = description;
        this.example = example;
    }

    public String command() {
        return command;
    }

    /** The usage line: what to type, e.g. "/price SYMBOL". */
    public String usage() {
        return usage;
    }

    /** What it does, in a few words (Telegram's command menu shows it). */
    public String description() {
        return description;
    }

    public String example() {
        return example;
    }

    /** The commands Telegram's menu lists, in this order; /start is Telegram's own first message and answers as /help. */
    public static List<BotCommands> menu() {
        return List.of(values());
    }
}
