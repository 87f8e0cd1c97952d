package dev.stockalerts.bot;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.AlertRules;
import dev.stockalerts.alert.AlertState;
import dev.stockalerts.alert.RearmPolicy;
import dev.stockalerts.delivery.FiringRecord;
import dev.stockalerts.delivery.HistoryReader;
import dev.stockalerts.manage.AlertDefinitions;
import dev.stockalerts.manage.AlertReferences;
import dev.stockalerts.manage.RequestMark;
import dev.stockalerts.manage.TimeOrderedIds;
import dev.stockalerts.quote.Quote;
import dev.stockalerts.quote.QuoteLookup;
import dev.stockalerts.quote.QuoteService;
import dev.stockalerts.state.StateReader;
import dev.stockalerts.time.Deadline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Telegram bot does with a command from a chat allowed to command it: quotes, and the chat's own alerts
 * (created with the API's rules, notified to that chat). Every answer is plain text. A command that changes alerts
 * does so at most once per update, however often Telegram delivers it: its {@link RequestMark} goes into the change's
 * transaction, and a repeat answers with what the first attempt answered.
 */
public final class ChatBot {
    /** The channel an alert made in a chat notifies: Telegram, to that chat. */
    static final List<String> CHANNELS = List.of("telegram");
    /** Alerts per page of /alerts: a page fits a phone's screen. */
    static final int PAGE_SIZE = 8;
    /** How long an update's mark is kept: Telegram stops retrying an update well within a day. */
    static final Duration MARK_KEPT = Duration.ofDays(1);
    /** Firings /history shows. */
    static final int HISTORY_SHOWN = 5;
    private static final String PAGE = "alerts:";
    private static final Pattern PAGE_DATA = Pattern.compile("^alerts:([1-9][0-9]{0,4})$");
    private static final String LOG = "[Bot] ";

    private final QuoteService quotes;
    private final AlertDefinitions definitions;
    private final AlertReferences references;
    private final StateReader states;
    private final HistoryReader history;
    private final AnsweredRequests answered;
    private final Clock clock;
    private final Consumer<String> log;

    public ChatBot(QuoteService quotes, AlertDefinitions definitions, AlertReferences references, StateReader states,
                   HistoryReader history, AnsweredRequests answered, Clock clock, Consumer<String> log) {
        this.quotes = quotes;
        this.definitions = definitions;
        this.references = references;
        this.states = states;
        this.history = history;
        this.answered = answered;
        this.clock = clock;
        this.log = log;
    }

    /**
     * A text message from {@code chat}. @param privateChat a one-to-one chat: there text that is no command gets a
     * pointer to /help; in a group it is talk among people, not for the bot. @return empty: nothing to say
     */
    public Optional<Reply> onMessage(long updateId, String chat, boolean privateChat, String text, Deadline deadline) {
        Command command = CommandParser.parse(text);
        String requestId = "telegram/" + chat + "/" + updateId;
        if (command instanceof Command.NotACommand) {
            return privateChat ? Optional.of(Reply.text("Send /help to see what I can do.")) : Optional.empty();
        }
        return Optional.of(answer(command, chat, requestId, deadline));
    }

    private Reply answer(Command command, String chat, String requestId, Deadline deadline) {
        if (command instanceof Command.Help) return Reply.text(Wording.help());
        if (command instanceof Command.Unknown unknown) {
            return Reply.text("I don't know " + shortened(unknown.name()) + ". /help lists what I can do.");
        }
        if (command instanceof Command.Wrong wrong) return Reply.text(Wording.usage(wrong.command(), wrong.problem()));
        if (command instanceof Command.Price price) return price(price.symbol(), deadline);
        if (command instanceof Command.ListAlerts list) return page(chat, list.page());
        if (command instanceof Command.History h) return withAlert(chat, h.ref(), BotCommands.HISTORY, this::history);
        if (command instanceof Command.CreateAlert create) return once(requestId, () -> create(create, chat, requestId, deadline));
        if (command instanceof Command.Delete delete) {
            return once(requestId, () -> withAlert(chat, delete.ref(), BotCommands.DELETE, alert -> delete(alert, requestId, deadline)));
        }
        if (command instanceof Command.Rearm rearm) {
            return once(requestId, () -> withAlert(chat, rearm.ref(), BotCommands.REARM, alert -> rearm(alert, requestId, deadline)));
        }
        throw new IllegalArgumentException("no answer for " + command);
    }

    /** A press of one of the bot's buttons under a message in {@code chat}: the message's new content, or empty. */
    public Optional<Reply> onButton(String chat, String data, Deadline deadline) {
        Matcher page = PAGE_DATA.matcher(data == null ? "" : data);
        return page.matches() ? Optional.of(page(chat, Integer.parseInt(page.group(1)))) : Optional.empty();
    }

    /** The answer given before to this update, if a change was made for it; else {@code change}'s. */
    private Reply once(String requestId, java.util.function.Supplier<Reply> change) {
        Optional<String> before = answered.answerTo(requestId);
        if (before.isPresent()) {
            log.accept(LOG + "Update " + requestId + " was answered before: answered again, nothing changed");
            return Reply.text(before.get());
        }
        return change.get();
    }

    private Reply repeated(String requestId, String answer) {
        log.accept(LOG + "Update " + requestId + " met its own mark: answered as the first attempt did");
        return Reply.text(answered.answerTo(requestId).orElse(answer));
    }

    private Reply price(String symbol, Deadline deadline) {
        QuoteLookup lookup = quotes.lookup(List.of(symbol), deadline);
        Quote quote = lookup.quotes().get(symbol);
        if (quote != null) return Reply.text(Wording.quote(quote));
        if (lookup.unknown().contains(symbol)) return Reply.text("No quote provider knows " + symbol + ".");
        return Reply.text("The quote providers did not answer for " + symbol + " just now; try again in a minute.");
    }

    private Reply create(Command.CreateAlert c, String chat, String requestId, Deadline deadline) {
        Map<String, String> problems = new LinkedHashMap<>(
                AlertRules.violations(c.symbol(), c.condition(), c.level(), CHANNELS, c.note(), null));
        if (c.rearm() != null) RearmPolicy.violations(c.rearm(), c.hysteresis(), c.cooldown()).forEach(problems::putIfAbsent);
        references.problems(problems.containsKey("symbol") ? null : c.symbol(), CHANNELS, deadline).forEach(problems::putIfAbsent);
        if (!problems.isEmpty()) return Reply.text(refusal(c.symbol(), problems));

        Instant now = clock.instant();
        RearmPolicy rearm = c.rearm() == null ? null
                : new RearmPolicy(c.rearm(), c.hysteresis() == null ? 0 : c.hysteresis(), c.cooldown());
        Alert alert = new Alert(TimeOrderedIds.next(now), c.symbol(), c.condition(), c.level(), rearm, CHANNELS, now, null,
                c.note(), 1, 1, null, chat);
        String shortId = alert.id().substring(alert.id().length() - ShortIds.MIN_LENGTH);
        String answer = "Alert set: " + Wording.alert(alert) + ". Id " + shortId + ".\n"
                + "I'll message this chat when it fires; prices are checked every 5 minutes while its market is open.";
        return switch (definitions.create(alert, deadline, mark(requestId, answer))) {
            case CREATED -> Reply.text(answer);
            case REPEATED -> repeated(requestId, answer);
            case CAP_REACHED -> Reply.text("This service keeps at most " + definitions.maxAlerts()
                    + " alerts and has that many. Delete one you no longer need (/alerts, /delete ID).");
            case ID_TAKEN -> throw new IllegalStateException("alert id " + alert.id() + " already exists");
        };
    }

    /** The domain's and the references' objections, one sentence each, with the usage line. */
    private static String refusal(String symbol, Map<String, String> problems) {
        StringBuilder text = new StringBuilder("I can't set that alert:");
        problems.forEach((field, problem) -> text.append("\n- ").append(switch (field) {
            case "symbol" -> problem.equals("unknown symbol") ? "no quote provider knows " + symbol : "the symbol " + problem;
            case "channels" -> "Telegram notifications are not set up on this service (its operator has not given it the"
                    + " bot token), so the alert could not reach you";
            case "level" -> "the level " + problem;
            case "note" -> "the note " + problem;
            case "rearm.hysteresis" -> "the hysteresis " + problem;
            case "rearm.cooldown" -> "the cooldown " + problem.replace("ISO-8601 duration such as PT1H", "time such as 30m, 1h or 2d");
            default -> field + " " + problem;
        }));
        return text.append("\n\n").append(Wording.usage(BotCommands.ALERT, null)).toString();
    }

    private Reply delete(Alert alert, String requestId, Deadline deadline) {
        String answer = "Deleted: " + Wording.alert(alert) + ". It is no longer checked.";
        return switch (definitions.delete(alert.id(), deadline, mark(requestId, answer))) {
            case CHANGED -> Reply.text(answer);
            case REPEATED -> repeated(requestId, answer);
            case NOT_FOUND -> Reply.text("That alert was just deleted.");
        };
    }

    private Reply rearm(Alert alert, String requestId, Deadline deadline) {
        AlertState state = states.load(alert.id()).orElse(AlertState.initial(alert.id()));
        if (state.armed()) return Reply.text(Wording.alert(alert) + " is armed already: nothing to re-arm.");
        String answer = "Re-arm requested: " + Wording.alert(alert) + ". The next check, within 5 minutes, watches it again.";
        return switch (definitions.requestRearm(alert.id(), clock.instant(), deadline, mark(requestId, answer))) {
            case CHANGED -> Reply.text(answer);
            case REPEATED -> repeated(requestId, answer);
            case NOT_FOUND -> Reply.text("That alert was just deleted.");
        };
    }

    private Reply history(Alert alert) {
        List<FiringRecord> firings = history.page(alert.id(), HISTORY_SHOWN, null).records();
        if (firings.isEmpty()) return Reply.text(Wording.alert(alert) + " has not fired yet.");
        StringBuilder text = new StringBuilder(Wording.alert(alert)).append(firings.size() == 1 ? ": its firing" : ": last " + firings.size() + " firings, newest first");
        firings.forEach(f -> text.append("\n").append(Wording.firing(f)));
        return Reply.text(text.toString());
    }

    /** Finds the chat's alert {@code ref} names and does {@code then} with it, or says why it cannot. */
    private Reply withAlert(String chat, String ref, BotCommands command, Function<Alert, Reply> then) {
        List<Alert> mine = definitions.ofTelegramChat(chat);
        List<String> ids = mine.stream().map(Alert::id).toList();
        List<String> matching = ShortIds.matching(ref, ids);
        if (matching.isEmpty()) {
            return Reply.text("No alert of this chat has the id " + shortened(ref) + ". /alerts lists them.\nUsage: " + command.usage());
        }
        if (matching.size() > 1) {
            Map<String, String> shown = ShortIds.of(ids);
            StringBuilder text = new StringBuilder(shortened(ref) + " fits " + matching.size() + " alerts; send more of its id:");
            mine.stream().filter(a -> matching.contains(a.id()))
                    .forEach(a -> text.append("\n").append(shown.get(a.id())).append("  ").append(Wording.alert(a)));
            return Reply.text(text.toString());
        }
        return then.apply(mine.get(ids.indexOf(matching.get(0))));
    }

    /** Page {@code page} (from 1; past the last: the last) of the chat's alerts, with buttons to the pages around it. */
    private Reply page(String chat, int page) {
        List<Alert> mine = definitions.ofTelegramChat(chat);
        if (mine.isEmpty()) return Reply.text("This chat has no alerts yet. Set one with " + BotCommands.ALERT.example() + ".");
        int pages = (mine.size() + PAGE_SIZE - 1) / PAGE_SIZE;
        int shown = Math.min(page, pages);
        int from = (shown - 1) * PAGE_SIZE;
        List<Alert> onPage = mine.subList(from, Math.min(from + PAGE_SIZE, mine.size()));
        Map<String, String> shortIds = ShortIds.of(mine.stream().map(Alert::id).toList());
        Instant now = clock.instant();
        StringBuilder text = new StringBuilder(mine.size() == 1 ? "This chat's alert:"
                : "This chat's alerts, " + (from + 1) + "-" + (from + onPage.size()) + " of " + mine.size() + ":");
        for (Alert a : onPage) {
            AlertState state = states.load(a.id()).orElse(AlertState.initial(a.id()));
            String shortId = shortIds.get(a.id());
            text.append("\n\n").append(shortId).append("  ").append(Wording.alert(a))
                    .append("\n").append(Wording.state(a, state, shortId, now));
        }
        if (pages == 1) text.append("\n\n/delete, /rearm or /history with an id.");
        List<Reply.Button> buttons = new ArrayList<>();
        if (shown > 1) buttons.add(new Reply.Button("< page " + (shown - 1), PAGE + (shown - 1)));
        if (shown < pages) buttons.add(new Reply.Button("page " + (shown + 1) + " >", PAGE + (shown + 1)));
        return new Reply(text.toString(), buttons.isEmpty() ? List.of() : List.of(buttons));
    }

    private RequestMark mark(String requestId, String answer) {
        return new RequestMark(requestId, answer, clock.instant().plus(MARK_KEPT));
    }

    /** What the user typed, echoed back at most this long. */
    private static String shortened(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
