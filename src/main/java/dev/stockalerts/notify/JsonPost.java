package dev.stockalerts.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stockalerts.delivery.SendResult.Outcome;
import dev.stockalerts.http.OutboundHttp;
import dev.stockalerts.json.Json;
import dev.stockalerts.time.Deadline;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * POSTs a JSON body through {@link OutboundHttp} and answers with the status as soon as the response headers
 * arrive: a 2xx means delivered, whatever the body does afterwards, so a target that stalls its body cannot hold a
 * run. A failure says whether the notification may have arrived: a connection never made is a failure to retry,
 * an answer not given an attempt that may have arrived. Never follows redirects: a 3xx is a misconfigured target.
 */
final class JsonPost {
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

    private final OutboundHttp http;
    private final Duration timeout;

    JsonPost(OutboundHttp http, Duration timeout) {
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    Response post(String channel, URI uri, JsonNode body, Deadline deadline) throws DeliveryException {
        byte[] json;
        try {
            json = Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new DeliveryException(channel, Outcome.REJECTED, "could not encode JSON: " + e.getOriginalMessage(), e);
        }
        try {
            OutboundHttp.Response response = http.postJson(uri, json, timeout, deadline);
            return new Response(response.status(), response.body());
        } catch (OutboundHttp.Failed e) {
            Outcome outcome = e.problem().mayHaveArrived() ? Outcome.UNANSWERED : Outcome.FAILED;
            String what = e.problem() == OutboundHttp.Problem.NO_TIME ? "not sent: no time left before the run's deadline"
                    : e.getMessage() + " (" + redact(uri) + ")";
            throw new DeliveryException(channel, outcome, what, e);
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
