package dev.stockalerts.providers;

import dev.stockalerts.providers.FinnhubProvider;
import dev.stockalerts.providers.ProviderHttp;
import dev.stockalerts.providers.ProviderTraffic;
import dev.stockalerts.providers.StooqProvider;
import dev.stockalerts.providers.YahooProvider;
import dev.stockalerts.quote.QuoteOutcome;
import dev.stockalerts.quote.QuoteProvider;
import dev.stockalerts.quote.QuoteProviderException.Kind;
import dev.stockalerts.quote.QuoteProviderException;
import dev.stockalerts.testing.LoopbackHttpServer.Response;
import dev.stockalerts.testing.LoopbackHttpServer;
import dev.stockalerts.time.Deadline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared failure mapping (ProviderHttp), exercised through each real provider. */
class ProviderErrorMappingTest {
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(200);

    /** Each provider with the path it requests for AAPL. */
    enum Target {
        YAHOO("/v8/finance/chart/AAPL"),
        FINNHUB("/api/v1/quote"),
        STOOQ("/q/l/");

        final String path;

        Target(String path) {
            this.path = path;
        }

        QuoteProvider provider(URI base, Duration timeout) {
            ProviderTraffic traffic = Providers.traffic();
            return switch (this) {
                case YAHOO -> new YahooProvider(traffic, base, timeout, YahooProvider.SPARK_V7, 20, 100);
                case FINNHUB -> new FinnhubProvider(traffic, base, "test-key", timeout, 60, 100);
                case STOOQ -> new StooqProvider(traffic, base, timeout, 100);
            };
        }
    }

    private final LoopbackHttpServer server = LoopbackHttpServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private QuoteProviderException failure(Target target, Response response, Duration timeout) {
        server.route(target.path, response);
        return failure(target.provider(server.baseUri(), timeout), Deadline.none());
    }

    private static QuoteProviderException failure(QuoteProvider provider, Deadline deadline) {
        QuoteOutcome outcome = provider.quotes(Set.of("AAPL"), deadline).get("AAPL");
        assertTrue(outcome.isFailed(), String.valueOf(outcome));
        assertEquals(provider.name(), outcome.failure().provider());
        return outcome.failure();
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void rateLimitedCarriesRetryAfter(Target target) {
        QuoteProviderException e = failure(target,
                Response.json(429, "{\"error\":\"API limit reached.\"}").withHeader("Retry-After", "30"), Duration.ofSeconds(2));
        assertEquals(Kind.RATE_LIMITED, e.kind());
        assertEquals(30L, e.retryAfterSeconds());
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void rateLimitedWithoutRetryAfter(Target target) {
        QuoteProviderException e = failure(target, Response.of(429, "Too Many Requests"), Duration.ofSeconds(2));
        assertEquals(Kind.RATE_LIMITED, e.kind());
        assertNull(e.retryAfterSeconds());
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void serverError(Target target) {
        assertEquals(Kind.SERVER_ERROR, failure(target, Response.of(500, "Internal Server Error"), Duration.ofSeconds(2)).kind());
        assertEquals(Kind.SERVER_ERROR, failure(target, Response.of(503, ""), Duration.ofSeconds(2)).kind());
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void unexpectedClientError(Target target) {
        assertEquals(Kind.CLIENT_ERROR, failure(target, Response.of(400, "Bad Request"), Duration.ofSeconds(2)).kind());
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void unparsableBodyIsMalformed(Target target) {
        QuoteProviderException e = failure(target, Response.of(200, "<html><body>Service moved</body></html>"), Duration.ofSeconds(2));
        assertEquals(Kind.MALFORMED, e.kind());
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void slowServerTimesOut(Target target) {
        long start = System.nanoTime();
        QuoteProviderException e = failure(target,
                Response.json(200, "{}").delayedBy(Duration.ofSeconds(10)), SHORT_TIMEOUT);
        assertEquals(Kind.TIMEOUT, e.kind());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(3)) < 0, "gave up promptly");
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void connectionRefusedIsNetwork(Target target) {
        QuoteProvider provider = target.provider(LoopbackHttpServer.closedPortUri(), Duration.ofSeconds(2));
        assertEquals(Kind.NETWORK, failure(provider, Deadline.none()).kind());
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void headersThenAStalledBodyTimeOutWithinTheTotalTimeout(Target target) {
        long start = System.nanoTime();
        QuoteProviderException e = failure(target, Response.json(200, "{\"chart\":{\"result\":[").withStalledBody(), SHORT_TIMEOUT);
        assertEquals(Kind.TIMEOUT, e.kind());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(2)) < 0, "gave up promptly");
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void theLookupsDeadlineCapsTheRequest(Target target) {
        server.route(target.path, Response.json(200, "{}").delayedBy(Duration.ofSeconds(10)));
        long start = System.nanoTime();
        QuoteProviderException e = failure(target.provider(server.baseUri(), Duration.ofSeconds(5)), Deadline.in(SHORT_TIMEOUT));
        assertEquals(Kind.TIMEOUT, e.kind());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(2)) < 0, "gave up at the deadline");
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void aPassedDeadlineSendsNothing(Target target) {
        assertEquals(Kind.TIMEOUT, failure(target.provider(server.baseUri(), Duration.ofSeconds(2)), Deadline.in(Duration.ZERO)).kind());
        assertEquals(0, server.requests().size());
    }

    @Test
    void messagesDoNotLeakTheFinnhubKey() {
        QuoteProviderException e = failure(Target.FINNHUB, Response.of(500, ""), Duration.ofSeconds(2));
        assertTrue(!e.getMessage().contains("test-key"), e.getMessage());
    }

    @Test
    void retryAfterIsReadInSecondsOrAsAnHttpDateAndIgnoredWhenNeither() {
        assertEquals(120L, ProviderHttp.retryAfterSeconds(" 120 "));
        assertEquals(0L, ProviderHttp.retryAfterSeconds("Wed, 21 Oct 2015 07:28:00 GMT")); // in the past
        assertNull(ProviderHttp.retryAfterSeconds("soon"));
    }
}
