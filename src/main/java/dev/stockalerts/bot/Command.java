package dev.stockalerts.bot;

import dev.stockalerts.alert.Condition;
import dev.stockalerts.alert.RearmPolicy;

import java.time.Duration;

/** A chat message read as a command: what to do, or why it cannot be done. */
public sealed interface Command {

    /** /help or /start. */
    record Help() implements Command {}

    /** /price SYMBOL. */
    record Price(String symbol) implements Command {}

    /**
     * /alert SYMBOL CONDITION LEVEL [re-arm] [note]; the values are as typed, the domain's rules judge them.
     *
     * @param rearm      null: not given (once)
     * @param hysteresis with REARM only
     * @param cooldown   with COOLDOWN only
     */
    record CreateAlert(String symbol, Condition condition, double level, RearmPolicy.Kind rearm, Double hysteresis,
                       Duration cooldown, String note) implements Command {}

    /** /alerts [page], pages counted from 1. */
    record ListAlerts(int page) implements Command {}

    /** /delete ID: a short id as /alerts shows it, or a whole id. */
    record Delete(String ref) implements Command {}

    /** /rearm ID. */
    record Rearm(String ref) implements Command {}

    /** /history ID. */
    record History(String ref) implements Command {}

    /** A known command with a wrong argument: what was wrong, answered with the command's usage line. */
    record Wrong(BotCommands command, String problem) implements Command {}

    /** A command this bot does not have. */
    record Unknown(String name) implements Command {}

    /** Text that is not a command at all. */
    record NotACommand() implements Command {}
}
