package dev.stockalerts.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Set;

/** JSON error answers: always {"error": "..."} plus whatever details help the caller fix the request. */
final class ApiErrors {
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

    /** 400 naming every invalid field, e.g. {"error":"invalid alert","fields":{"level":"must be a positive number"}}. */
    static ApiResponse invalidFields(String error, Map<String, String> fields) {
        ObjectNode body = body(error);
        ObjectNode named = body.putObject("fields");
        fields.forEach(named::put);
        return ApiResponse.json(400, body);
    }

    static ApiResponse noRoute(String method, String path) {
        return ApiResponse.json(404, body("not found").put("method", method).put("path", path));
    }

    static ApiResponse methodNotAllowed(String method, Set<String> allowed) {
        String allow = String.join(", ", allowed);
        return ApiResponse.json(405, body("method not allowed").put("method", method).put("allowed", allow))
                .withHeader("Allow", allow);
    }

    static ApiResponse internal() {
        return error(500, "internal error");
    }
}
