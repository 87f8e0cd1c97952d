package dev.stockalerts.providers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stockalerts.json.Json;
import dev.stockalerts.quote.Quote;
import dev.stockalerts.quote.QuoteProviderException.Kind;
import dev.stockalerts.quote.QuoteProviderException;
import dev.stockalerts.time.Deadline;

import dev.stockalerts.http.OutboundHttp;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What every provider shares: one GET through the functions' {@link OutboundHttp} (a total timeout, body included,
 * never past the lookup's deadline), counted in {@link ProviderTraffic}, and the mapping of failures to
 * {@link QuoteProviderException.Kind}. Messages name the path only, never the query, so API keys in
 * query strings stay out of logs and admin notices.
 */
final class ProviderHttp {

    /** Far above any real answer (20 symbols of 5-minute spark data is ~100 KB). */
    static final int MAX_BODY_BYTES = 2 * 1024 * 1024;

    /** Epoch seconds past this (year 3000) are not a market time but bad data. */
    private static final long LATEST_EPOCH_SECOND = 32_503_680_000L;

    record Response(int status, String body) {}

    private final String provider;
    private final ProviderTraffic traffic;
    private final Duration timeout;

    ProviderHttp(String provider, ProviderTraffic traffic, Duration timeout) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.traffic = Objects.requireNonNull(traffic, "traffic");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }

    String provider() {
        return provider;
    }

    ProviderTraffic traffic() {
        return traffic;
    }

    /** {@code base} + {@code pathAndQuery}, tolerating a trailing slash on the configured base. */
    static URI resolve(URI base, String pathAndQuery) {
        String b = base.toString();
        while (b.endsWith("/")) b = b.substring(0, b.length() - 1);
        return URI.create(b + pathAndQuery);
    }

    /**
     * GETs {@code uri}, the whole answer within the timeout and before {@code deadline}. 2xx and the
     * statuses in {@code alsoAccepted} are returned (a provider may use e.g. 404 to say "unknown
     * symbol"); anything else becomes a QuoteProviderException.
     */
    Response get(URI uri, Set<Integer> alsoAccepted, Deadline deadline) throws QuoteProviderException {
        return get(uri, Map.of(), alsoAccepted, deadline);
    }

    /** @param headers extra request headers, e.g. a credential that must not travel in the URL (URLs get logged) */
    Response get(URI uri, Map<String, String> headers, Set<Integer> alsoAccepted, Deadline deadline) throws QuoteProviderException {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Accept", "application/json, text/csv, */*");
        traffic.countRequest(provider);
        OutboundHttp.Response response;
        try {
            response = traffic.http().get(uri, all, MAX_BODY_BYTES, timeout, deadline);
        } catch (OutboundHttp.Failed e) {
            Kind kind = e.problem().timedOut() ? Kind.TIMEOUT : Kind.NETWORK;
            throw new QuoteProviderException(provider, kind, e.getMessage() + " for " + uri.getPath(), null, e);
        }
        int status = response.status();
        if (status / 100 == 2 || alsoAccepted.contains(status)) return new Response(status, response.body());
        String what = "HTTP " + status + " for " + uri.getPath();
        if (status == 429) {
            String header = response.header("Retry-After");
            throw new QuoteProviderException(provider, Kind.RATE_LIMITED, what, header == null ? null : retryAfterSeconds(header), null);
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
            return body == null || body.isBlank() ? null : Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    JsonNode json(String body) throws QuoteProviderException {
        JsonNode node = parseJsonOrNull(body);
        if (node == null || !node.isObject()) throw malformed("body is not a JSON object: " + abbreviate(body), null);
        return node;
    }

    /**
     * A market time given in epoch seconds: null when absent or 0 (providers' "none"); bad data when
     * it is not a whole number of seconds between 1970 and the year 3000.
     */
    Instant epochSeconds(String symbol, String field, JsonNode t) throws QuoteProviderException {
        if (t == null || t.isNull() || (t.isNumber() && t.doubleValue() == 0)) return null;
        if (!t.isNumber() || !t.canConvertToLong() || t.longValue() < 0 || t.longValue() > LATEST_EPOCH_SECOND
                || t.doubleValue() != t.longValue()) {
            throw malformed(symbol + ": " + field + " is not a market time: " + abbreviate(t.toString()), null);
        }
        return Instant.ofEpochSecond(t.longValue());
    }

    /** The day's range when both ends are plausible (positive, low not above high); else neither. */
    static Double[] dayRange(Double high, Double low) {
        boolean plausible = high != null && low != null && high > 0 && low > 0
                && Double.isFinite(high) && Double.isFinite(low) && low <= high;
        return plausible ? new Double[] {high, low} : new Double[] {null, null};
    }

    /** A number field, or null when absent, null or not a number. */
    static Double number(JsonNode n) {
        return n != null && n.isNumber() ? n.doubleValue() : null;
    }

    /** A Quote from this provider; a value Quote rejects (price 0, NaN) means the body was not a real quote. */
    Quote quote(String symbol, double price, Double previousClose, String currency, Instant marketTime,
                Double dayHigh, Double dayLow, LocalDate tradingDay) throws QuoteProviderException {
        Double[] range = dayRange(dayHigh, dayLow);
        try {
            return new Quote(symbol, price, previousClose, currency, marketTime, provider, range[0], range[1], tradingDay);
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
