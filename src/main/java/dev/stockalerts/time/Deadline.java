package dev.stockalerts.time;

import java.time.Duration;
import java.util.Objects;

/**
 * When work must be finished, in real elapsed time: a Lambda invocation's end minus a safety margin.
 * Measured on {@link System#nanoTime()}, not on the injected {@code Clock}: Lambda kills a sandbox by
 * the wall, whatever a simulated clock says. {@link #none()} is the deadline of a run nobody bounds.
 */
public final class Deadline {
    /**
     * How much longer a caller waits than the timeout it set on the call it waits for: the call's own timer must fire
     * first (its exception says what timed out: a connection never made, or an answer not given); this only absorbs
     * scheduling jitter.
     */
    public static final Duration TIMER_GRACE = Duration.ofMillis(250);

    private static final Deadline NONE = new Deadline(0, false);
    /** What "no deadline" reports as remaining: long enough for any timeout it caps. */
    private static final Duration UNBOUNDED = Duration.ofDays(365);

    private final long atNanos;
    private final boolean bounded;

    private Deadline(long atNanos, boolean bounded) {
        this.atNanos = atNanos;
        this.bounded = bounded;
    }

    public static Deadline none() {
        return NONE;
    }

    /** {@code remaining} from now; zero or negative is already expired. */
    public static Deadline in(Duration remaining) {
        Objects.requireNonNull(remaining, "remaining");
        return new Deadline(System.nanoTime() + saturatedNanos(remaining), true);
    }

    public boolean bounded() {
        return bounded;
    }

    /** Time left, never negative. */
    public Duration remaining() {
        if (!bounded) return UNBOUNDED;
        long left = atNanos - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    public boolean expired() {
        return bounded && atNanos - System.nanoTime() <= 0;
    }

    /** {@code timeout}, shortened to what is left: a call started now must not outlive the deadline. */
    public Duration cap(Duration timeout) {
        Duration left = remaining();
        return timeout.compareTo(left) <= 0 ? timeout : left;
    }

    /** This deadline moved earlier by {@code margin}, e.g. to leave time for the work after a phase. */
    public Deadline minus(Duration margin) {
        return bounded ? new Deadline(atNanos - saturatedNanos(margin), true) : this;
    }

    /** A deadline {@code fraction} of the way from now to this one, to split a run's time between its phases. */
    public Deadline share(double fraction) {
        if (!bounded) return this;
        long left = Math.max(0, atNanos - System.nanoTime());
        return new Deadline(System.nanoTime() + (long) (left * fraction), true);
    }

    @Override
    public String toString() {
        return bounded ? "Deadline[in " + remaining().toMillis() + " ms]" : "Deadline[none]";
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException overflow) {
            return d.isNegative() ? Long.MIN_VALUE / 2 : Long.MAX_VALUE / 2;
        }
    }
}
