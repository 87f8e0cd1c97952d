package dev.stockalerts.quote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockalerts.quote.QuoteProviderException.Kind;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Set;

/**
 * The HTTP plumbing every provider shares: one GET with a per-request timeout and the mapping of
 * failures to {@link QuoteProviderException.Kind}. Messages name the path only, never the query,
 * so API keys in query strings stay out of logs and admin notices.
 */
final class ProviderHttp {
    static final ObjectMapper JSON = new ObjectMapper();

    // Yahoo answers 429 to requests without a browser-like User-Agent.
    static final String USER_AGENT = "Mozilla/5.0 (compatible; stock-alerts/1.0)";

    record Response(int status, String body) {}

    private final String provider;
    private final HttpClient client;
    private final Duration timeout;

    ProviderHttp(String provider, HttpClient client, Duration timeout) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }

    /** {@code base} + {@code pathAndQuery}, tolerating a trailing slash on the configured base. */
    static URI resolve(URI base, String pathAndQuery) {
        String b = base.toString();
        while (b.endsWith("/")) b = b.substring(0, b.length() - 1);
        return URI.create(b + pathAndQuery);
    }

    /**
     * GETs {@code uri}. 2xx and the statuses in {@code alsoAccepted} are returned (a provider may
     * use e.g. 404 to say "unknown symbol"); anything else becomes a QuoteProviderException.
     */
    Response get(URI uri, Set<Integer> alsoAccepted) throws QuoteProviderException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("User-Agent", USER_AGENT)
                .header("Accept", "application/json, text/csv, */*")
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) { // also covers HttpConnectTimeoutException
            throw new QuoteProviderException(provider, Kind.TIMEOUT, "no response within " + timeout + " for " + uri.getPath(), null, e);
        } catch (IOException e) {
            throw new QuoteProviderException(provider, Kind.NETWORK, e + " for " + uri.getPath(), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QuoteProviderException(provider, Kind.NETWORK, "interrupted", null, e);
        }
        int status = response.statusCode();
        if (status / 100 == 2 || alsoAccepted.contains(status)) return new Response(status, response.body());
        String what = "HTTP " + status + " for " + uri.getPath();
        if (status == 429) {
            Long retryAfter = response.headers().firstValue("Retry-After").map(ProviderHttp::retryAfterSeconds).orElse(null);
            throw new QuoteProviderException(provider, Kind.RATE_LIMITED, what, retryAfter, null);
        }
        throw new QuoteProviderException(provider, status >= 500 ? Kind.SERVER_ERROR : Kind.CLIENT_ERROR, what);
    }

    /** Retry-After is either delta-seconds or an HTTP-date (RFC 9110); null when neither parses. */
    static Long retryAfterSeconds(String value) {
        String v = value.trim();
        try {
            return Math.max(0, Long.parseLong(v));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Math.max(0, Duration.between(Instant.now(), at).toSeconds());
            } catch (RuntimeException notDate) {
                return null;
            }
        }
    }

    /** The body as JSON, or null when it is not JSON (callers decide whether that is MALFORMED). */
    static JsonNode parseJsonOrNull(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    JsonNode json(String body) throws QuoteProviderException {
        JsonNode node = parseJsonOrNull(body);
        if (node == null || !node.isObject()) throw malformed("body is not a JSON object: " + abbreviate(body), null);
        return node;
    }

    /** A Quote from this provider; a value Quote rejects (price 0, NaN) means the body was not a real quote. */
    Quote quote(String symbol, double price, Double previousClose, String currency, Instant marketTime)
            throws QuoteProviderException {
        try {
            return new Quote(symbol, price, previousClose, currency, marketTime, provider);
        } catch (IllegalArgumentException e) {
            throw malformed(symbol + ": " + e.getMessage(), e);
        }
    }

    QuoteProviderException malformed(String message, Throwable cause) {
        return new QuoteProviderException(provider, Kind.MALFORMED, message, null, cause);
    }

    static String abbreviate(String s) {
        if (s == null) return "null";
        String oneLine = s.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 120) + "...";
    }
}
