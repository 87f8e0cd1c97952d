package dev.stockalerts.handler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.stockalerts.json.Json;

import java.io.IOException;
import java.io.InputStream;

/**
 * The shard a scheduled event asks to check: its {@code detail.shard}. Each shard's schedule sends a fixed
 * EventBridge-shaped event carrying it (template.yaml); the plain schedule event has {@code "detail": {}}, which is
 * shard 0, so an unsharded deployment's events mean what they always meant.
 */
public final class ScheduledShard {
    static final String FIELD = "shard";

    private ScheduledShard() {}

    /** A schedule event as the runtime hands it over; an empty invocation (no payload) counts as the plain one. */
    static JsonNode read(InputStream event) throws IOException {
        byte[] bytes = event.readAllBytes();
        if (bytes.length == 0) return MissingNode.getInstance();
        try {
            return Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the scheduled event is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The event a shard's schedule sends, as local tools invoke the function with it. */
    public static JsonNode event(int shard) {
        return Json.MAPPER.createObjectNode().put("detail-type", "Scheduled Event").put("source", "aws.events")
                .set("detail", shard == 0 ? Json.MAPPER.createObjectNode() : Json.MAPPER.createObjectNode().put(FIELD, shard));
    }

    /** @throws IllegalArgumentException when the event names no shard of {@code shards}: the run fails with the reason */
    static int of(JsonNode event, int shards) {
        JsonNode value = event == null ? MissingNode.getInstance() : event.path("detail").path(FIELD);
        if (value.isMissingNode() || value.isNull()) return 0;
        // Whole numbers only: JSON's 1.0 or "1" is a mistake in the schedule's Input, better named than guessed at.
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            long shard = value.longValue();
            if (shard >= 0 && shard < shards) return (int) shard;
        }
        throw new IllegalArgumentException("the scheduled event's detail.shard must be a whole number from 0 to " + (shards - 1)
                + " (ALERT_SHARDS is " + shards + "), got " + value);
    }
}
