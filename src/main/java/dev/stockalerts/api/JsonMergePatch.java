package dev.stockalerts.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** RFC 7396 JSON Merge Patch: members of the patch replace the target's, objects merge, null removes. */
final class JsonMergePatch {
    private JsonMergePatch() {}

    static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) return patch;
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : ApiJson.object();
        patch.fields().forEachRemaining(member -> {
            if (member.getValue().isNull()) result.remove(member.getKey());
            else result.set(member.getKey(), apply(result.get(member.getKey()), member.getValue()));
        });
        return result;
    }
}
