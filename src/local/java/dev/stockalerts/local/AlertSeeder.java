package dev.stockalerts.local;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.Condition;
import dev.stockalerts.alert.RearmPolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A reproducible mix of alerts over a set of listed symbols, with levels near the current price
 * so that some fire within a simulated day, as real users' alerts do.
 */
public final class AlertSeeder {
    public static final List<String> SYMBOLS = List.of(
            "AAPL", "MSFT", "GOOGL", "AMZN", "NVDA", "META", "TSLA", "BRK-B", "JPM", "V",
            "JNJ", "WMT", "PG", "XOM", "MA", "HD", "KO", "PEP", "COST", "NFLX");

    private AlertSeeder() {}

    /**
     * {@code count} distinct symbols: the 20 real tickers of {@link #SYMBOLS} first, then made-up ones
     * (ZZAAA, ZZAAB, ...) that no exchange lists.
     */
    public static List<String> symbols(int count) {
        List<String> symbols = new ArrayList<>(SYMBOLS.subList(0, Math.min(count, SYMBOLS.size())));
        for (int i = 0; symbols.size() < count; i++) {
            symbols.add("ZZ" + (char) ('A' + i / 676 % 26) + (char) ('A' + i / 26 % 26) + (char) ('A' + i % 26));
        }
        return symbols;
    }

    /** Lists the 20 real tickers at a starting price in the market. */
    public static void listSymbols(SimulatedMarket market, long seed) {
        listSymbols(market, seed, SYMBOLS.size());
    }

    /** Lists {@link #symbols(int) count symbols} at a starting price; the first 20 as with 20. */
    public static void listSymbols(SimulatedMarket market, long seed, int count) {
        Random random = new Random(seed);
        for (String symbol : symbols(count)) market.list(symbol, 20 + random.nextInt(480) + random.nextInt(100) / 100.0);
    }

    /** {@code count} alerts spread round-robin over the market's symbols, in the order they were listed. */
    public static List<Alert> alerts(int count, SimulatedMarket market, Instant createdAt, long seed) {
        List<String> symbols = market.symbols();
        Random random = new Random(seed);
        List<Alert> alerts = new ArrayList<>(count);
        Condition[] conditions = Condition.values();
        for (int i = 0; i < count; i++) {
            String symbol = symbols.get(i % symbols.size());
            double price = market.price(symbol).price();
            Condition condition = conditions[random.nextInt(conditions.length)];
            double distance = 0.002 + random.nextDouble() * 0.03; // 0.2% to 3.2% away
            double level = switch (condition) {
                case ABOVE, CROSSES_ABOVE -> price * (1 + distance);
                case BELOW, CROSSES_BELOW -> price * (1 - distance);
                case PERCENT_CHANGE -> (random.nextBoolean() ? 1 : -1) * (0.5 + random.nextInt(3) * 0.5);
            };
            if (condition != Condition.PERCENT_CHANGE) level = Math.round(level * 100) / 100.0;
            RearmPolicy rearm = switch (i % 3) {
                case 0 -> RearmPolicy.once();
                case 1 -> condition == Condition.PERCENT_CHANGE ? RearmPolicy.rearm(0.5) : RearmPolicy.rearm(Math.round(price * 0.005 * 100) / 100.0);
                default -> RearmPolicy.cooldown(Duration.ofHours(1 + random.nextInt(4)));
            };
            alerts.add(new Alert(String.format(Locale.ROOT, "sim-%05d", i), symbol, condition, level, rearm,
                    List.of("webhook"), createdAt));
        }
        return alerts;
    }
}
