package dev.stockalerts.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockalerts.json.Json;

/**
 * JSON in and out of the API. Bodies are built as trees, so no mapping configuration is needed;
 * parsing is strict: a duplicated key or text after the object is an error, not a silent guess.
 */
final class ApiJson {

    private ApiJson() {}

    static ObjectNode object() {
        return Json.MAPPER.createObjectNode();
    }

    /** The body as a JSON object, or a {@link BadRequest} saying what is wrong with it. */
    static ObjectNode parseObject(String body) {
        if (body == null || body.isBlank()) throw new BadRequest("request body is empty; expected a JSON object");
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new BadRequest("request body is not valid JSON: " + e.getOriginalMessage()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
        if (!(node instanceof ObjectNode object)) throw new BadRequest("request body must be a JSON object");
        return object;
    }
}
