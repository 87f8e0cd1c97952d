package dev.stockalerts.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/** POSTs a JSON body with a shared HttpClient; transport failures become retryable DeliveryExceptions. */
final class JsonPost {
    /** One mapper per JVM: building it is a noticeable part of a Lambda cold start. */
    static final ObjectMapper MAPPER = new ObjectMapper();

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

    Response post(String channel, URI uri, JsonNode body) throws DeliveryException {
        String json;
        try {
            json = MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new DeliveryException(channel, false, "could not encode JSON: " + e.getOriginalMessage(), e);
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.body());
        } catch (HttpTimeoutException e) {
            throw new DeliveryException(channel, true, "timed out after " + timeout.toMillis() + " ms calling " + redact(uri), e);
        } catch (IOException e) {
            throw new DeliveryException(channel, true, "I/O error calling " + redact(uri) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException(channel, true, "interrupted calling " + redact(uri), e);
        }
    }

    /** Scheme and host only: webhook paths and Telegram URLs carry secrets that must not reach logs. */
    static String redact(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
    }

    /** 5xx, 429 and 408 may succeed later; other statuses will not. */
    static boolean retryableStatus(int status) {
        return status >= 500 || status == 429 || status == 408;
    }
}
