package dev.stockalerts.providers;

import dev.stockalerts.quote.QuoteOutcome;
import dev.stockalerts.quote.QuoteProvider;
import dev.stockalerts.quote.QuoteProviderException;
import dev.stockalerts.time.Deadline;

import java.net.URI;
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
 * Stooq's CSV quote endpoint: many symbols per request, US tickers only (AAPL -> aapl.us). The fields
 * asked for (sd2t2ohlcv) carry the day's high and low but no previous close and no currency. A row with
 * bad data fails its own symbol; a body that is not Stooq's CSV fails the request's symbols.
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
    /** Only .us symbols are asked for: their trading day is New York's. */
    private static final ZoneId EXCHANGE_ZONE = ZoneId.of("America/New_York");

    // Plain US tickers with an optional one- or two-letter share class: AAPL, BRK-B, BRK.B.
    private static final Pattern US_TICKER = Pattern.compile("^[A-Za-z]{1,6}([.-][A-Za-z]{1,2})?$");
    private static final String NOT_AVAILABLE = "N/D";

    private final ProviderHttp http;
    private final URI base;
    private final int requestsPerLookup;

    public StooqProvider(ProviderTraffic traffic, URI base, Duration timeout, int requestsPerLookup) {
        this.http = new ProviderHttp(NAME, traffic, timeout);
        this.base = base;
        this.requestsPerLookup = requestsPerLookup;
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
    public Map<String, QuoteOutcome> quotes(Set<String> symbols, Deadline deadline) {
        Map<String, QuoteOutcome> outcomes = new LinkedHashMap<>();
        // Several of our symbols may share one Stooq symbol (BRK.B and BRK-B).
        Map<String, List<String>> ours = new LinkedHashMap<>();
        for (String symbol : symbols) {
            String s = stooqSymbol(symbol);
            if (s == null) outcomes.put(symbol, QuoteOutcome.unknown()); // Stooq lists no such symbol
            else ours.computeIfAbsent(s, k -> new ArrayList<>()).add(symbol);
        }
        List<String> all = new ArrayList<>(ours.keySet());
        List<RequestRound.Request> requests = new ArrayList<>();
        for (int from = 0; from < all.size(); from += BATCH_SIZE) {
            List<String> batch = all.subList(from, Math.min(all.size(), from + BATCH_SIZE));
            List<String> oursInBatch = batch.stream().flatMap(s -> ours.get(s).stream()).toList();
            requests.add(new RequestRound.Request(oursInBatch, () -> fetch(batch, ours, deadline)));
        }
        outcomes.putAll(new RequestRound(http, requestsPerLookup).run(requests, deadline));
        return outcomes;
    }

    /** Outcomes keyed by our symbols for one batch of Stooq symbols. */
    private Map<String, QuoteOutcome> fetch(List<String> stooqSymbols, Map<String, List<String>> ours, Deadline deadline)
            throws QuoteProviderException {
        URI uri = ProviderHttp.resolve(base, "/q/l/?s=" + String.join(",", stooqSymbols) + "&f=sd2t2ohlcv&h&e=csv");
        String body = http.get(uri, Set.of(), deadline).body();
        // Over its daily quota Stooq answers 200 with this plain-text line instead of CSV.
        if (body != null && body.contains("Exceeded the daily hits limit")) {
            throw new QuoteProviderException(NAME, QuoteProviderException.Kind.RATE_LIMITED, "daily hits limit exceeded");
        }
        Map<String, QuoteOutcome> byStooqSymbol = new StooqCsv(http).parse(body);
        Map<String, QuoteOutcome> outcomes = new LinkedHashMap<>();
        for (String s : stooqSymbols) {
            QuoteOutcome outcome = byStooqSymbol.getOrDefault(s,
                    QuoteOutcome.failed(http.malformed(s + ": no row in Stooq's answer", null)));
            for (String symbol : ours.get(s)) {
                outcomes.put(symbol, outcome.isFound() ? QuoteOutcome.found(outcome.quote().forSymbol(symbol)) : outcome);
            }
        }
        return outcomes;
    }

    /** One CSV answer: outcomes by lower-case Stooq symbol. */
    private record StooqCsv(ProviderHttp http) {
        Map<String, QuoteOutcome> parse(String body) throws QuoteProviderException {
            List<String> lines = body == null ? List.of()
                    : Arrays.stream(body.split("\r?\n")).filter(l -> !l.isBlank()).toList();
            if (lines.isEmpty()) throw http.malformed("empty CSV", null);
            List<String> header = Arrays.asList(lines.get(0).trim().split(","));
            int symbolCol = header.indexOf("Symbol"), dateCol = header.indexOf("Date"), timeCol = header.indexOf("Time"),
                    closeCol = header.indexOf("Close"), highCol = header.indexOf("High"), lowCol = header.indexOf("Low");
            if (symbolCol < 0 || dateCol < 0 || timeCol < 0 || closeCol < 0) {
                throw http.malformed("unexpected CSV header: " + ProviderHttp.abbreviate(lines.get(0)), null);
            }
            Map<String, QuoteOutcome> outcomes = new LinkedHashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split(",", -1);
                if (f.length < header.size()) throw http.malformed("short CSV row: " + ProviderHttp.abbreviate(line), null);
                String symbol = f[symbolCol].toLowerCase(Locale.ROOT);
                if (NOT_AVAILABLE.equals(f[closeCol])) {
                    outcomes.put(symbol, QuoteOutcome.unknown());
                    continue;
                }
                try {
                    Instant time = marketTime(f[dateCol], f[timeCol]);
                    outcomes.put(symbol, QuoteOutcome.found(http.quote(symbol, Double.parseDouble(f[closeCol]), null, null, time,
                            optional(f, highCol), optional(f, lowCol),
                            time == null ? null : LocalDate.ofInstant(time, EXCHANGE_ZONE))));
                } catch (NumberFormatException | DateTimeParseException e) {
                    outcomes.put(symbol, QuoteOutcome.failed(http.malformed("bad CSV row: " + ProviderHttp.abbreviate(line), e)));
                } catch (QuoteProviderException badValue) {
                    outcomes.put(symbol, QuoteOutcome.failed(badValue));
                }
            }
            return outcomes;
        }

        private static Double optional(String[] fields, int col) {
            if (col < 0 || NOT_AVAILABLE.equals(fields[col])) return null;
            try {
                return Double.parseDouble(fields[col]);
            } catch (NumberFormatException e) {
                return null; // an optional column; the row still has its price
            }
        }

        private static Instant marketTime(String date, String time) {
            if (NOT_AVAILABLE.equals(date) || NOT_AVAILABLE.equals(time)) return null;
            return LocalDate.parse(date).atTime(LocalTime.parse(time)).atZone(STOOQ_ZONE).toInstant();
        }
    }
}
