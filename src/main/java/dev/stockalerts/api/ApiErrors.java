package dev.stockalerts.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Set;

/**
 * JSON error answers: always {"error": "..."} plus whatever details help the caller fix the request, and never more
 * than a handful of them: an error body must not grow with what the client sent.
 */
final class ApiErrors {
    /** Field errors listed at most; the rest are counted. */
    static final int MAX_FIELDS = 10;
    /** A field name shown at most this long: a name is echoed to the client, whatever it sent. */
    static final int MAX_NAME = 64;
    /** What a client should wait before retrying a change that met contention. */
    static final long BUSY_RETRY_AFTER_SECONDS = 1;

    private ApiErrors() {}

    static ObjectNode body(String error) {
        return ApiJson.object().put("error", error);
    }

    static ApiResponse error(int status, String error) {
        return ApiResponse.json(status, body(error));
    }

    static ApiResponse badRequest(String message) {
        return error(400, message);
    }

    /**
     * 400 naming the invalid fields, e.g. {"error":"invalid alert","fields":{"level":"must be ..."}}: the first
     * {@link #MAX_FIELDS}, and "moreFields": how many more there were.
     */
    static ApiResponse invalidFields(String error, Map<String, String> fields) {
        ObjectNode body = body(error);
        ObjectNode named = body.putObject("fields");
        fields.entrySet().stream().limit(MAX_FIELDS).forEach(f -> named.put(shortened(f.getKey()), f.getValue()));
        if (fields.size() > MAX_FIELDS) body.put("moreFields", fields.size() - MAX_FIELDS);
        return ApiResponse.json(400, body);
    }

    static ApiResponse tooLarge(long limit) {
        return ApiResponse.json(413, body("request body too large").put("limitBytes", limit));
    }

    static ApiResponse busy() {
        return error(503, "alert definitions are busy; retry shortly")
                .withHeader("Retry-After", Long.toString(BUSY_RETRY_AFTER_SECONDS));
    }

    static ApiResponse noRoute(String method, String path) {
        return ApiResponse.json(404, body("not found").put("method", method).put("path", shortened(path)));
    }

    static ApiResponse methodNotAllowed(String method, Set<String> allowed) {
        String allow = String.join(", ", allowed);
        return ApiResponse.json(405, body("method not allowed").put("method", shortened(method)).put("allowed", allow))
                .withHeader("Allow", allow);
    }

    static ApiResponse internal() {
        return error(500, "internal error");
    }

    static String shortened(String name) {
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME) + "...";
    }
}
