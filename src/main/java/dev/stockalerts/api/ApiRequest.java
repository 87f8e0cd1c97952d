package dev.stockalerts.api;

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
 * @param rawBody        the body as received: text, or base64 when {@code base64} is set
 * @param calledPath     the path as the client called it, stage or base path included (/prod/alerts), for Location headers
 */
public record ApiRequest(String method, String path, String resource, Map<String, String> pathParameters,
                         String rawBody, boolean base64, String calledPath) {

    public ApiRequest {
        method = method == null ? "" : method.toUpperCase(Locale.ROOT);
        path = path == null || path.isEmpty() ? "/" : path;
        pathParameters = pathParameters == null ? Map.of() : Map.copyOf(pathParameters);
        calledPath = calledPath == null || calledPath.isEmpty() ? path : calledPath;
    }

    public String pathParameter(String name) {
        return pathParameters.get(name);
    }

    /** Adds parameters captured by a route; ones already present (decoded by API Gateway) win. */
    ApiRequest withCapturedParameters(Map<String, String> captured) {
        Map<String, String> merged = new HashMap<>(captured);
        merged.putAll(pathParameters);
        return new ApiRequest(method, path, resource, merged, rawBody, base64, calledPath);
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
