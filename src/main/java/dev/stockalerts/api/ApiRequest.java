package dev.stockalerts.api;

import dev.stockalerts.time.Deadline;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP request as the API sees it, independent of the Lambda event classes.
 *
 * @param path           the request path, e.g. /alerts/42 (behind a custom domain it starts with the base path)
 * @param resource       the API Gateway resource that matched, e.g. /alerts/{id}, or null when unknown
 * @param pathParameters path parameters (decoded by API Gateway); the router adds the ones its templates capture
 * @param query          query string parameters, decoded (API Gateway's queryStringParameters: the last of repeats)
 * @param rawBody        the body as received: text, or base64 when {@code base64} is set
 * @param headers        request headers, names lower-cased (HTTP names are case-insensitive; API Gateway keeps the
 *                       client's case): the last value of a repeated header, as API Gateway's {@code headers}
 * @param calledPath     the path as the client called it, stage or base path included (/prod/alerts), for Location headers
 * @param deadline       when the answer must be out: the invocation's end less a margin
 */
public record ApiRequest(String method, String path, String resource, Map<String, String> pathParameters,
                         Map<String, String> query, Map<String, String> headers, String rawBody, boolean base64,
                         String calledPath, Deadline deadline) {

    public ApiRequest {
        method = method == null ? "" : method.toUpperCase(Locale.ROOT);
        path = path == null || path.isEmpty() ? "/" : path;
        pathParameters = pathParameters == null ? Map.of() : Map.copyOf(pathParameters);
        query = query == null ? Map.of() : Map.copyOf(query);
        headers = lowerCaseNames(headers);
        calledPath = calledPath == null || calledPath.isEmpty() ? path : calledPath;
        deadline = deadline == null ? Deadline.none() : deadline;
    }

    public String pathParameter(String name) {
        return pathParameters.get(name);
    }

    /** A request header by its name in any case, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    private static Map<String, String> lowerCaseNames(Map<String, String> headers) {
        if (headers == null || headers.isEmpty()) return Map.of();
        Map<String, String> lower = new HashMap<>();
        headers.forEach((name, value) -> {
            if (name != null && value != null) lower.put(name.toLowerCase(Locale.ROOT), value);
        });
        return Map.copyOf(lower);
    }

    /** Adds parameters captured by a route; ones already present (decoded by API Gateway) win. */
    ApiRequest withCapturedParameters(Map<String, String> captured) {
        Map<String, String> merged = new HashMap<>(captured);
        merged.putAll(pathParameters);
        return new ApiRequest(method, path, resource, merged, query, headers, rawBody, base64, calledPath, deadline);
    }

    /** The body's size in bytes as sent, before any parsing: base64 is counted decoded, i.e. at three quarters. */
    long bodyBytes() {
        if (rawBody == null) return 0;
        if (base64) return rawBody.length() / 4L * 3;
        long bytes = 0;
        for (int i = 0; i < rawBody.length(); i++) {
            char c = rawBody.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3; // a surrogate pair is 4 bytes
        }
        return bytes;
    }

    /** The body as text, decoding base64 when API Gateway encoded it; "" when there is none. */
    public String body() {
        if (rawBody == null) return "";
        if (!base64) return rawBody;
        try {
            return new String(Base64.getDecoder().decode(rawBody.replaceAll("\\s", "")), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("request body is marked base64 but is not valid base64");
        }
    }
}
