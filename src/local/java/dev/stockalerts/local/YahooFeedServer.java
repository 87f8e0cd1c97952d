package dev.stockalerts.local;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Serves a {@link SimulatedMarket} on loopback as Yahoo Finance does: the chart API
 * ({@code /v8/finance/chart/{symbol}}) and the multi-symbol spark API in both its shapes
 * ({@code /v7/finance/spark} and {@code /v8/finance/spark}, {@code ?symbols=A,B,...}), optionally
 * answering after a latency, as a distant service would.
 */
public final class YahooFeedServer extends LoopbackHttp {
    public static final String CHART = "/v8/finance/chart/";
    public static final String SPARK_V7 = "/v7/finance/spark";
    public static final String SPARK_V8 = "/v8/finance/spark";
    /** What Yahoo's spark accepts per request at the time of writing; more is refused. */
    public static final int SPARK_SYMBOL_LIMIT = 20;

    private static final String NOT_FOUND = "{\"chart\":{\"result\":null,\"error\":{\"code\":\"Not Found\","
            + "\"description\":\"No data found, symbol may be delisted\"}}}";
    private static final String SPARK_NOT_FOUND = "{\"spark\":{\"result\":null,\"error\":{\"code\":\"Not Found\","
            + "\"description\":\"No data found for spark symbols\"}}}";
    /** Enough threads that a latency delays each answer, not the queue behind it. */
    private static final int THREADS = 64;

    private final SimulatedMarket market;
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<String, AtomicInteger> requestsByPath = new ConcurrentHashMap<>();
    private volatile int failWithStatus;
    private volatile Long failRetryAfterSeconds;
    private volatile Duration latency = Duration.ZERO;

    public YahooFeedServer(SimulatedMarket market) {
        this(market, 0);
    }

    public YahooFeedServer(SimulatedMarket market, int port) {
        super(port, THREADS);
        this.market = market;
        server.createContext(CHART, exchange -> serve(exchange, CHART));
        server.createContext(SPARK_V7, exchange -> serve(exchange, SPARK_V7));
        server.createContext(SPARK_V8, exchange -> serve(exchange, SPARK_V8));
        server.start();
    }

    /** Requests to every endpoint. */
    public int requests() {
        return requests.get();
    }

    /** Requests to one endpoint: {@link #CHART}, {@link #SPARK_V7} or {@link #SPARK_V8}. */
    public int requests(String endpoint) {
        AtomicInteger n = requestsByPath.get(endpoint);
        return n == null ? 0 : n.get();
    }

    /** Makes every request fail with this HTTP status (0 to recover): a provider outage. */
    public void failWith(int status) {
        failWith(status, null);
    }

    /** As {@link #failWith(int)}, sending {@code Retry-After: seconds} as a rate-limiting service would (null: none). */
    public void failWith(int status, Long retryAfterSeconds) {
        failRetryAfterSeconds = retryAfterSeconds;
        failWithStatus = status;
    }

    /** Every answer waits this long first, as across the internet (zero: at once). */
    public void answerAfter(Duration latency) {
        this.latency = latency;
    }

    private void serve(HttpExchange exchange, String endpoint) throws IOException {
        requests.incrementAndGet();
        requestsByPath.computeIfAbsent(endpoint, e -> new AtomicInteger()).incrementAndGet();
        waitLatency();
        if (failWithStatus != 0) {
            Long retryAfter = failRetryAfterSeconds;
            if (retryAfter != null) exchange.getResponseHeaders().set("Retry-After", retryAfter.toString());
            respond(exchange, failWithStatus, "text/plain", "unavailable");
            return;
        }
        if (endpoint.equals(CHART)) chart(exchange);
        else spark(exchange, endpoint.equals(SPARK_V7));
    }

    private void waitLatency() {
        Duration wait = latency;
        if (wait.isZero()) return;
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void chart(HttpExchange exchange) throws IOException {
        String symbol = URLDecoder.decode(exchange.getRequestURI().getRawPath().substring(CHART.length()), StandardCharsets.UTF_8);
        SimulatedMarket.Price price = market.price(symbol);
        if (price == null) {
            respond(exchange, 404, "application/json", NOT_FOUND);
            return;
        }
        respond(exchange, 200, "application/json", "{\"chart\":{\"result\":[" + chartResult(price) + "],\"error\":null}}");
    }

    private void spark(HttpExchange exchange, boolean v7) throws IOException {
        List<String> symbols = symbolsParameter(exchange.getRequestURI().getRawQuery());
        if (symbols.isEmpty() || symbols.size() > SPARK_SYMBOL_LIMIT) {
            respond(exchange, 400, "application/json", "{\"spark\":{\"result\":null,\"error\":{\"code\":\"Bad Request\","
                    + "\"description\":\"symbols: 1 to " + SPARK_SYMBOL_LIMIT + " expected, got " + symbols.size() + "\"}}}");
            return;
        }
        List<SimulatedMarket.Price> prices = new ArrayList<>();
        for (String symbol : symbols) {
            SimulatedMarket.Price p = market.price(symbol);
            if (p != null) prices.add(p); // Yahoo leaves unknown symbols out
        }
        if (prices.isEmpty()) {
            respond(exchange, 404, "application/json", SPARK_NOT_FOUND);
            return;
        }
        String body = v7
                ? prices.stream().map(p -> "{\"symbol\":\"" + p.symbol() + "\",\"response\":[" + chartResult(p) + "]}")
                        .collect(Collectors.joining(",", "{\"spark\":{\"result\":[", "],\"error\":null}}"))
                : prices.stream().map(p -> "\"" + p.symbol() + "\":" + v8Entry(p)).collect(Collectors.joining(",", "{", "}"));
        respond(exchange, 200, "application/json", body);
    }

    private static List<String> symbolsParameter(String rawQuery) {
        if (rawQuery == null) return List.of();
        for (String pair : rawQuery.split("&")) {
            if (!pair.startsWith("symbols=")) continue;
            String value = URLDecoder.decode(pair.substring("symbols=".length()), StandardCharsets.UTF_8);
            return value.isEmpty() ? List.of() : List.of(value.split(","));
        }
        return List.of();
    }

    /**
     * One chart result as Yahoo's meta has it. The simulated exchange's day is the UTC day (when the
     * previous close and the day's range roll over), so that is its time zone.
     */
    private static String chartResult(SimulatedMarket.Price p) {
        long time = p.time().getEpochSecond();
        return String.format(Locale.ROOT, "{\"meta\":{\"currency\":\"USD\",\"symbol\":\"%s\","
                        + "\"exchangeName\":\"NMS\",\"instrumentType\":\"EQUITY\",\"regularMarketTime\":%d,"
                        + "\"gmtoffset\":0,\"timezone\":\"UTC\",\"exchangeTimezoneName\":\"UTC\","
                        + "\"regularMarketPrice\":%.2f,\"regularMarketDayHigh\":%.2f,\"regularMarketDayLow\":%.2f,"
                        + "\"chartPreviousClose\":%.2f,\"previousClose\":%.2f,"
                        + "\"priceHint\":2,\"dataGranularity\":\"1d\",\"range\":\"1d\"},\"timestamp\":[%d],"
                        + "\"indicators\":{\"quote\":[{\"close\":[%.2f]}]}}",
                p.symbol(), time, p.price(), p.dayHigh(), p.dayLow(), p.previousClose(), p.previousClose(), time, p.price());
    }

    /** v8 spark: the series only, keyed by symbol. */
    private static String v8Entry(SimulatedMarket.Price p) {
        long time = p.time().getEpochSecond();
        return String.format(Locale.ROOT, "{\"symbol\":\"%s\",\"timestamp\":[%d],\"close\":[%.2f],\"chartPreviousClose\":%.2f,"
                + "\"previousClose\":null,\"dataGranularity\":300,\"end\":null,\"start\":null}",
                p.symbol(), time, p.price(), p.previousClose());
    }
}
