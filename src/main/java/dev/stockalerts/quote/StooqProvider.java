package dev.stockalerts.quote;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Stooq's CSV quote endpoint: many symbols per request, US tickers only (AAPL -> aapl.us).
 * The fields asked for (sd2t2ohlcv) carry no previous close and no currency, so both are null.
 */
public final class StooqProvider implements QuoteProvider {
    public static final String NAME = "stooq";

    /** Symbols per request; keeps the URL short and matches what Stooq serves in one go. */
    static final int BATCH_SIZE = 50;

    /**
     * Stooq's Date/Time columns are Warsaw local time, not UTC: the US close (16:00 New York)
     * shows as 22:00 all year round (21:00 UTC in winter, 20:00 UTC in summer).
     */
    static final ZoneId STOOQ_ZONE = ZoneId.of("Europe/Warsaw");

    // Plain US tickers with an optional one- or two-letter share class: AAPL, BRK-B, BRK.B.
    private static final Pattern US_TICKER = Pattern.compile("^[A-Za-z]{1,6}([.-][A-Za-z]{1,2})?$");
    private static final String NOT_AVAILABLE = "N/D";

    private final URI base;
    private final ProviderHttp http;

    public StooqProvider(HttpClient client, URI base, Duration timeout) {
        this.base = base;
        this.http = new ProviderHttp(NAME, client, timeout);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Stooq's name for {@code symbol} (BRK.B -> brk-b.us), or null when it cannot be mapped. */
    static String stooqSymbol(String symbol) {
        if (!US_TICKER.matcher(symbol).matches()) return null;
        return symbol.toLowerCase(Locale.ROOT).replace('.', '-') + ".us";
    }

    @Override
    public Map<String, Quote> quotes(Set<String> symbols) throws QuoteProviderException {
        // Several of our symbols may share one Stooq symbol (BRK.B and BRK-B).
        Map<String, List<String>> ours = new LinkedHashMap<>();
        for (String symbol : symbols) {
            String s = stooqSymbol(symbol);
            if (s != null) ours.computeIfAbsent(s, k -> new ArrayList<>()).add(symbol);
        }
        Map<String, Quote> result = new LinkedHashMap<>();
        List<String> all = new ArrayList<>(ours.keySet());
        for (int from = 0; from < all.size(); from += BATCH_SIZE) {
            List<String> batch = all.subList(from, Math.min(all.size(), from + BATCH_SIZE));
            for (Map.Entry<String, Quote> e : fetch(batch).entrySet()) {
                for (String symbol : ours.getOrDefault(e.getKey(), List.of())) {
                    Quote q = e.getValue();
                    result.put(symbol, new Quote(symbol, q.price(), q.previousClose(), q.currency(), q.marketTime(), NAME));
                }
            }
        }
        return result;
    }

    /** Quotes keyed by lower-case Stooq symbol, for the rows that have a price. */
    private Map<String, Quote> fetch(List<String> stooqSymbols) throws QuoteProviderException {
        URI uri = ProviderHttp.resolve(base, "/q/l/?s=" + String.join(",", stooqSymbols) + "&f=sd2t2ohlcv&h&e=csv");
        String body = http.get(uri, Set.of()).body();
        // Over its daily quota Stooq answers 200 with this plain-text line instead of CSV.
        if (body != null && body.contains("Exceeded the daily hits limit")) {
            throw new QuoteProviderException(NAME, QuoteProviderException.Kind.RATE_LIMITED, "daily hits limit exceeded");
        }
        return parseCsv(body);
    }

    private Map<String, Quote> parseCsv(String body) throws QuoteProviderException {
        List<String> lines = body == null ? List.of()
                : Arrays.stream(body.split("\r?\n")).filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) throw http.malformed("empty CSV", null);
        List<String> header = Arrays.asList(lines.get(0).trim().split(","));
        int symbolCol = header.indexOf("Symbol"), dateCol = header.indexOf("Date"),
                timeCol = header.indexOf("Time"), closeCol = header.indexOf("Close");
        if (symbolCol < 0 || dateCol < 0 || timeCol < 0 || closeCol < 0) {
            throw http.malformed("unexpected CSV header: " + ProviderHttp.abbreviate(lines.get(0)), null);
        }
        Map<String, Quote> quotes = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split(",", -1);
            if (f.length < header.size()) throw http.malformed("short CSV row: " + ProviderHttp.abbreviate(line), null);
            if (NOT_AVAILABLE.equals(f[closeCol])) continue; // unknown symbol
            String symbol = f[symbolCol].toLowerCase(Locale.ROOT);
            try {
                double close = Double.parseDouble(f[closeCol]);
                quotes.put(symbol, http.quote(symbol, close, null, null, marketTime(f[dateCol], f[timeCol])));
            } catch (NumberFormatException | DateTimeParseException e) {
                throw http.malformed("bad CSV row: " + ProviderHttp.abbreviate(line), e);
            }
        }
        return quotes;
    }

    private static Instant marketTime(String date, String time) {
        if (NOT_AVAILABLE.equals(date) || NOT_AVAILABLE.equals(time)) return null;
        return LocalDate.parse(date).atTime(LocalTime.parse(time)).atZone(STOOQ_ZONE).toInstant();
    }
}
