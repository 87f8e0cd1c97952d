package dev.stockalerts.local;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** Serves a {@link SimulatedMarket} as Yahoo Finance's chart API ({@code /v8/finance/chart/{symbol}}) on loopback. */
public final class YahooFeedServer extends LoopbackHttp {
    private static final String PATH = "/v8/finance/chart/";
    private static final String NOT_FOUND = "{\"chart\":{\"result\":null,\"error\":{\"code\":\"Not Found\","
            + "\"description\":\"No data found, symbol may be delisted\"}}}";

    private final SimulatedMarket market;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int failWithStatus;
    private volatile Long failRetryAfterSeconds;

    public YahooFeedServer(SimulatedMarket market) {
        this(market, 0);
    }

    public YahooFeedServer(SimulatedMarket market, int port) {
        super(port);
        this.market = market;
        server.createContext(PATH, this::chart);
        server.start();
    }

    public int requests() {
        return requests.get();
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

    private void chart(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        if (failWithStatus != 0) {
            Long retryAfter = failRetryAfterSeconds;
            if (retryAfter != null) exchange.getResponseHeaders().set("Retry-After", retryAfter.toString());
            respond(exchange, failWithStatus, "text/plain", "unavailable");
            return;
        }
        String symbol = URLDecoder.decode(exchange.getRequestURI().getRawPath().substring(PATH.length()), StandardCharsets.UTF_8);
        SimulatedMarket.Price price = market.price(symbol);
        if (price == null) {
            respond(exchange, 404, "application/json", NOT_FOUND);
            return;
        }
        respond(exchange, 200, "application/json", chartJson(price));
    }

    private static String chartJson(SimulatedMarket.Price p) {
        long time = p.time().getEpochSecond();
        return String.format(Locale.ROOT, "{\"chart\":{\"result\":[{\"meta\":{\"currency\":\"USD\",\"symbol\":\"%s\","
                        + "\"exchangeName\":\"NMS\",\"instrumentType\":\"EQUITY\",\"regularMarketTime\":%d,"
                        + "\"gmtoffset\":-18000,\"timezone\":\"EST\",\"exchangeTimezoneName\":\"America/New_York\","
                        + "\"regularMarketPrice\":%.2f,\"chartPreviousClose\":%.2f,\"previousClose\":%.2f,"
                        + "\"priceHint\":2,\"dataGranularity\":\"1d\",\"range\":\"1d\"},\"timestamp\":[%d],"
                        + "\"indicators\":{\"quote\":[{\"close\":[%.2f]}]}}],\"error\":null}}",
                p.symbol(), time, p.price(), p.previousClose(), p.previousClose(), time, p.price());
    }
}
