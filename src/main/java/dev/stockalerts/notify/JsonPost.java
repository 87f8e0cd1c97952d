package dev.stockalerts.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stockalerts.delivery.SendResult.Outcome;
import dev.stockalerts.json.Json;
import dev.stockalerts.time.Deadline;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs a JSON body and answers with the status as soon as the response headers arrive: a 2xx means
 * delivered, whatever the body does afterwards, so a target that stalls its body cannot hold a run.
 * The whole call, error body included, ends within the timeout and never past the run's deadline.
 * The client must not follow redirects: a 3xx to a POST is a failed delivery, not a new target.
 */
final class JsonPost {
    /** Enough of an error body for a message (and Telegram's JSON error); the rest is never read. */
    private static final int SNIPPET_BYTES = 2048;

    record Response(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The start of the body, for error messages (bodies can be large HTML pages). */
        String snippet() {
            String s = body == null ? "" : body.strip();
            return s.length() <= 200 ? s : s.substring(0, 200) + "...";
        }
    }

    private final HttpClient http;
    private final Duration timeout;

    JsonPost(HttpClient http, Duration timeout) {
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    Response post(String channel, URI uri, JsonNode body, Deadline deadline) throws DeliveryException {
        String json;
        try {
            json = Json.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new DeliveryException(channel, Outcome.REJECTED, "could not encode JSON: " + e.getOriginalMessage(), e);
        }
        Duration budget = deadline.cap(timeout);
        if (budget.isZero()) throw new DeliveryException(channel, Outcome.FAILED, "not sent: no time left before the run's deadline");
        long started = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(budget)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        CompletableFuture<HttpResponse<InputStream>> call = http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        HttpResponse<InputStream> response;
        try {
            // The request's own timers (connect, then the whole exchange) fire first and say which it was: a connection
            // never made is a failure to retry, an answer not given may have arrived.
            response = call.get(budget.plus(Deadline.TIMER_GRACE).toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new DeliveryException(channel, Outcome.UNANSWERED, "no answer within " + budget.toMillis() + " ms from " + redact(uri), e);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new DeliveryException(channel, Outcome.UNANSWERED, "abandoned at the run's deadline calling " + redact(uri), e);
        } catch (ExecutionException e) {
            throw failure(channel, uri, budget, e.getCause());
        }
        InputStream stream = response.body();
        if (response.statusCode() / 100 == 2) {
            close(stream);
            return new Response(response.statusCode(), "");
        }
        Duration left = budget.minusNanos(System.nanoTime() - started);
        return new Response(response.statusCode(), readSnippet(stream, left));
    }

    /** A connection never made means nothing was sent; any later failure may have reached the target. */
    private static DeliveryException failure(String channel, URI uri, Duration budget, Throwable cause) {
        while (cause instanceof CompletionException && cause.getCause() != null) cause = cause.getCause();
        if (cause instanceof HttpConnectTimeoutException) {
            return new DeliveryException(channel, Outcome.FAILED, "could not connect within " + budget.toMillis() + " ms to " + redact(uri), cause);
        }
        if (cause instanceof ConnectException) {
            return new DeliveryException(channel, Outcome.FAILED, "could not connect to " + redact(uri) + ": " + cause.getMessage(), cause);
        }
        if (cause instanceof java.net.http.HttpTimeoutException) {
            return new DeliveryException(channel, Outcome.UNANSWERED, "no answer within " + budget.toMillis() + " ms from " + redact(uri), cause);
        }
        if (cause instanceof IOException) {
            return new DeliveryException(channel, Outcome.UNANSWERED, "no answer from " + redact(uri) + ": " + cause, cause);
        }
        return new DeliveryException(channel, Outcome.FAILED, "could not call " + redact(uri) + ": " + cause, cause);
    }

    /** Up to {@link #SNIPPET_BYTES} of the body, given at most {@code left}: a stalled error body is cut off, not waited for. */
    private static String readSnippet(InputStream stream, Duration left) {
        CompletableFuture<Void> cutOff = CompletableFuture.runAsync(() -> close(stream),
                CompletableFuture.delayedExecutor(Math.max(1, left.toMillis()), TimeUnit.MILLISECONDS));
        byte[] buffer = new byte[SNIPPET_BYTES];
        int filled = 0;
        try {
            for (int n; filled < buffer.length && (n = stream.read(buffer, filled, buffer.length - filled)) > 0; ) filled += n;
        } catch (IOException cutOffOrBroken) {
            // keep what arrived
        } finally {
            cutOff.cancel(false);
            close(stream);
        }
        return new String(buffer, 0, filled, StandardCharsets.UTF_8);
    }

    private static void close(InputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // the response is finished with either way
        }
    }

    /** Scheme and host only: webhook paths and Telegram URLs carry secrets that must not reach logs. */
    static String redact(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
    }

    /**
     * What an answered non-2xx means: 408, 429 and 5xx may succeed later, a 3xx is a misconfigured target
     * worth retrying once fixed; any other 4xx never will.
     */
    static Outcome outcomeOf(int status) {
        if (status >= 500 || status == 429 || status == 408 || (status >= 300 && status < 400)) return Outcome.FAILED;
        return Outcome.REJECTED;
    }
}
