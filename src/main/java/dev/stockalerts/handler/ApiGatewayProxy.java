package dev.stockalerts.handler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockalerts.api.ApiRequest;
import dev.stockalerts.api.ApiResponse;
import dev.stockalerts.json.Json;
import dev.stockalerts.time.Deadline;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * API Gateway's REST proxy integration, as the runtime hands it over: the request event's JSON in, the proxy response's
 * JSON out ({@code statusCode}, {@code headers}, {@code body}, {@code isBase64Encoded}). Read and written with the
 * functions' own JSON mapper, so a cold start loads no second JSON library and no event classes.
 */
public final class ApiGatewayProxy {
    private ApiGatewayProxy() {}

    /** The request an event carries; the deadline is the invocation's. */
    public static ApiRequest request(InputStream event, Deadline deadline) throws IOException {
        JsonNode e;
        try {
            e = Json.MAPPER.readTree(event.readAllBytes());
        } catch (JsonProcessingException malformed) {
            throw new IllegalArgumentException("the API Gateway event is not JSON: " + malformed.getOriginalMessage(), malformed);
        }
        if (e == null || !e.isObject()) throw new IllegalArgumentException("the API Gateway event is not a JSON object");
        return new ApiRequest(text(e, "httpMethod"), text(e, "path"), text(e, "resource"), strings(e.get("pathParameters")),
                strings(e.get("queryStringParameters")), strings(e.get("headers")), text(e, "body"),
                e.path("isBase64Encoded").asBoolean(false), text(e.path("requestContext"), "path"), deadline);
    }

    /** The proxy response API Gateway turns into the HTTP answer. */
    public static byte[] response(ApiResponse response) throws IOException {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("statusCode", response.status());
        ObjectNode headers = out.putObject("headers");
        response.headers().forEach(headers::put);
        if (response.body() != null) out.put("body", response.body());
        out.put("isBase64Encoded", false);
        return Json.MAPPER.writeValueAsBytes(out);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** API Gateway's single-value maps (path parameters, query, headers); null when it sends none. */
    private static Map<String, String> strings(JsonNode node) {
        if (node == null || !node.isObject()) return null;
        Map<String, String> values = new HashMap<>();
        node.fields().forEachRemaining(f -> {
            if (!f.getValue().isNull()) values.put(f.getKey(), f.getValue().asText());
        });
        return values;
    }
}
