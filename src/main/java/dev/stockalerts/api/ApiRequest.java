package dev.stockalerts.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP request as the API sees it, independent of the Lambda event classes.
 *
 * @param path           the routed path, e.g. /alerts/42 (without the stage)
 * @param pathParameters path parameters; the router adds the ones its templates capture
 * @param rawBody        the body as received: text, or base64 when {@code base64} is set
 * @param basePath       what precedes {@code path} in the client's URL (the stage, e.g. /prod), for Location headers
 */
public record ApiRequest(String method, String path, Map<String, String> pathParameters, String rawBody,
                         boolean base64, String basePath) {

    public ApiRequest {
        method = method == null ? "" : method.toUpperCase(Locale.ROOT);
        path = path == null || path.isEmpty() ? "/" : path;
        pathParameters = pathParameters == null ? Map.of() : Map.copyOf(pathParameters);
        basePath = basePath == null ? "" : basePath;
    }

    public static ApiRequest of(String method, String path, String body) {
        return new ApiRequest(method, path, Map.of(), body, false, "");
    }

    public String pathParameter(String name) {
        return pathParameters.get(name);
    }

    /** Adds parameters captured by a route; ones already present (decoded by API Gateway) win. */
    ApiRequest withCapturedParameters(Map<String, String> captured) {
        Map<String, String> merged = new HashMap<>(captured);
        merged.putAll(pathParameters);
        return new ApiRequest(method, path, merged, rawBody, base64, basePath);
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
