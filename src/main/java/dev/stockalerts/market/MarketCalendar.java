package dev.stockalerts.market;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * When a market trades. An implementation says which days have a regular session and when it opens and closes
 * ({@link #session}); everything else is derived from that here, so every calendar answers the scheduled check's
 * questions the same way. Time is always a parameter: nothing here reads a clock.
 *
 * <p>Each session lies inside its own day in {@link #zone()} (true of XNYS and of ALWAYS's UTC days).
 *
 * <p>The trading day changes at the <em>open</em>, not at midnight: from one session's open until the next
 * session's open, {@link #tradingDay} is the earlier session's day. So a quote read after the close, overnight, over
 * a weekend or on a holiday still belongs to the last session, which is what providers report at those times
 * (the last session's price, its day high/low, and the close before it as the previous close).
 */
public interface MarketCalendar {

    /** Sessions are never more than this many days apart; a longer search means a broken calendar. */
    int MAX_DAYS_BETWEEN_SESSIONS = 31;

    /** The identifier used in settings and alerts: "XNYS", "ALWAYS". */
    String id();

    /** The zone whose dates are this market's trading days. */
    ZoneId zone();

    /** The regular session on {@code day}; empty on weekends and full-day holidays. */
    Optional<Session> session(LocalDate day);

    /**
     * Whether {@link #session} for {@code day} rests on holidays the exchange has published. When false, the
     * calendar has no holiday list for that day's year and treats every weekday as a regular full session:
     * the caller should say so (log) rather than trust it as it would a published schedule.
     */
    boolean holidaysKnown(LocalDate day);

    /** Whether {@code t} falls inside a regular session (open inclusive, close exclusive). */
    default boolean isOpen(Instant t) {
        return currentSession(t).isPresent();
    }

    /** The session in progress at {@code t}, if any. */
    default Optional<Session> currentSession(Instant t) {
        return session(dateAt(t)).filter(s -> s.contains(t));
    }

    /** The latest session that opened at or before {@code t}: the one in progress, or else the last one that closed. */
    default Session lastSession(Instant t) {
        LocalDate today = dateAt(t);
        Optional<Session> todays = session(today).filter(s -> !s.open().isAfter(t));
        return todays.orElseGet(() -> sessionOf(previousTradingDay(today)));
    }

    /**
     * The trading day {@code t} belongs to: the day of {@link #lastSession(Instant)}. Inside a session that is the
     * session's day; before the open, after the close, on weekends and on holidays it is the last session's day
     * (Saturday noon and Monday 08:00 before a 09:30 open both belong to Friday).
     */
    default LocalDate tradingDay(Instant t) {
        return lastSession(t).day();
    }

    /** The latest day with a session strictly before {@code day} (the day whose close a percent change compares with). */
    default LocalDate previousTradingDay(LocalDate day) {
        for (int i = 1; i <= MAX_DAYS_BETWEEN_SESSIONS; i++) {
            LocalDate d = day.minusDays(i);
            if (session(d).isPresent()) return d;
        }
        throw new IllegalStateException(id() + " has no session in the " + MAX_DAYS_BETWEEN_SESSIONS + " days before " + day);
    }

    private LocalDate dateAt(Instant t) {
        return LocalDate.ofInstant(t, zone());
    }

    private Session sessionOf(LocalDate tradingDay) {
        return session(tradingDay).orElseThrow(() -> new IllegalStateException(id() + " lost the session of " + tradingDay));
    }
}
