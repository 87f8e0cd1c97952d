package dev.stockalerts.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A reproducible price feed: each symbol follows a random walk (1.5% a day by default) on the injected clock;
 * the previous close and the day's high and low roll over at midnight UTC, the simulated exchange's day.
 * Prices can also be set by hand.
 */
public final class SimulatedMarket {
    public static final double DEFAULT_DAILY_VOLATILITY = 0.015;
    private static final Duration STEP = Duration.ofMinutes(5);

    private final Clock clock;
    private final long seed;
    /** Volatility of one 5-minute step: the daily figure spread over 288 steps. */
    private final double stepSigma;
    private final Map<String, Ticker> tickers = new ConcurrentHashMap<>();
    private final List<String> listed = new CopyOnWriteArrayList<>();

    private static final class Ticker {
        Random random;
        double price;
        double previousClose;
        double dayHigh;
        double dayLow;
        Instant steppedTo;
        LocalDate day;

        void touch(double p) {
            dayHigh = Math.max(dayHigh, p);
            dayLow = Math.min(dayLow, p);
        }
    }

    public record Price(String symbol, double price, double previousClose, Instant time, double dayHigh, double dayLow) {}

    public SimulatedMarket(Clock clock, long seed) {
        this(clock, seed, DEFAULT_DAILY_VOLATILITY);
    }

    /** With {@code dailyVolatility} 0 prices stay where they are set: what tests want. */
    public SimulatedMarket(Clock clock, long seed, double dailyVolatility) {
        this.clock = clock;
        this.seed = seed;
        this.stepSigma = dailyVolatility / Math.sqrt(288);
    }

    public void list(String symbol, double price) {
        Ticker t = new Ticker();
        // One stream per symbol: prices do not depend on the order (or parallelism) of requests.
        t.random = new Random(seed * 31 + symbol.hashCode());
        t.price = price;
        t.previousClose = price;
        t.dayHigh = price;
        t.dayLow = price;
        t.steppedTo = clock.instant();
        t.day = LocalDate.ofInstant(t.steppedTo, ZoneOffset.UTC);
        if (tickers.put(symbol, t) == null) listed.add(symbol);
    }

    /** Every listed symbol, in the order listed. */
    public List<String> symbols() {
        return List.copyOf(listed);
    }

    /** Sets the price now (tests and demos). */
    public synchronized void set(String symbol, double price) {
        Ticker t = tickers.get(symbol);
        if (t == null) list(symbol, price);
        else {
            t.price = price;
            t.touch(price);
            t.steppedTo = clock.instant();
        }
    }

    /** The price now, walking forward one random step per 5 minutes since last asked; null if not listed. */
    public synchronized Price price(String symbol) {
        Ticker t = tickers.get(symbol);
        if (t == null) return null;
        Instant now = clock.instant();
        while (!t.steppedTo.plus(STEP).isAfter(now)) {
            t.steppedTo = t.steppedTo.plus(STEP);
            LocalDate day = LocalDate.ofInstant(t.steppedTo, ZoneOffset.UTC);
            if (!day.equals(t.day)) {
                t.previousClose = t.price;
                t.day = day;
                t.dayHigh = t.price;
                t.dayLow = t.price;
            }
            t.price = Math.max(0.01, t.price * Math.exp(stepSigma * t.random.nextGaussian()));
            t.touch(t.price);
        }
        return new Price(symbol, round(t.price), round(t.previousClose), t.steppedTo, round(t.dayHigh), round(t.dayLow));
    }

    private static double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
