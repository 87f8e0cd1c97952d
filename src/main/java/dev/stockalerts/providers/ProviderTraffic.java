package dev.stockalerts.providers;

import dev.stockalerts.http.OutboundHttp;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The HTTP traffic of a container's quote providers: one client (connection reuse), a bound on requests
 * in flight shared by every provider, and the one count of requests sent, per provider.
 */
public final class ProviderTraffic {
    private final OutboundHttp http;
    private final ThreadPoolExecutor requests;
    private final Map<String, LongAdder> sent = new ConcurrentHashMap<>();

    /** @param maxInFlight requests on the wire at once, across providers and lookups */
    public ProviderTraffic(OutboundHttp http, int maxInFlight) {
        this.http = Objects.requireNonNull(http, "http");
        if (maxInFlight < 1) throw new IllegalArgumentException("maxInFlight must be at least 1: " + maxInFlight);
        // Threads are made on demand and let go when idle: a warm container between runs holds none.
        requests = new ThreadPoolExecutor(maxInFlight, maxInFlight, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread thread = new Thread(r, "quote-request");
            thread.setDaemon(true);
            return thread;
        });
        requests.allowCoreThreadTimeOut(true);
    }

    OutboundHttp http() {
        return http;
    }

    <T> Future<T> submit(Callable<T> request) {
        return requests.submit(request);
    }

    void countRequest(String provider) {
        sent.computeIfAbsent(provider, p -> new LongAdder()).increment();
    }

    /** HTTP requests sent so far, per provider, in name order. */
    public Map<String, Long> requestsByProvider() {
        Map<String, Long> counts = new TreeMap<>();
        sent.forEach((provider, n) -> counts.put(provider, n.sum()));
        return counts;
    }

    /** HTTP requests sent so far, all providers. */
    public long requests() {
        return sent.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
