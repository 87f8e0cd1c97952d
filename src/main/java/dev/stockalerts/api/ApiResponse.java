package dev.stockalerts.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockalerts.json.Json;

import java.util.LinkedHashMap;
import java.util.Map;

/** Status, headers and (JSON) body of a response, independent of the Lambda event classes. */
public record ApiResponse(int status, Map<String, String> headers, String body) {
    static final String JSON = "application/json";

    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    static ApiResponse json(int status, JsonNode body) {
        return new ApiResponse(status, Map.of("Content-Type", JSON), Json.write(body));
    }

    /** 204: no body, but the same Content-Type as every other answer so clients need no special case. */
    static ApiResponse noContent() {
        return new ApiResponse(204, Map.of("Content-Type", JSON), null);
    }

    ApiResponse withHeader(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new ApiResponse(status, all, body);
    }
}
