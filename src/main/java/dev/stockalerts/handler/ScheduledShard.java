package dev.stockalerts.handler;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;

import java.util.Map;

/**
 * The shard a scheduled event asks to check: its {@code detail.shard}. Each shard's schedule sends a fixed
 * EventBridge-shaped event carrying it (template.yaml); the plain schedule event has {@code "detail": {}}, which is
 * shard 0, so an unsharded deployment's events mean what they always meant.
 */
final class ScheduledShard {
    static final String FIELD = "shard";

    private ScheduledShard() {}

    /** @throws IllegalArgumentException when the event names no shard of {@code shards}: the run fails with the reason */
    static int of(ScheduledEvent event, int shards) {
        Map<String, Object> detail = event == null ? null : event.getDetail();
        Object value = detail == null ? null : detail.get(FIELD);
        if (value == null) return 0;
        // Whole numbers only: JSON's 1.0 or "1" is a mistake in the schedule's Input, better named than guessed at.
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            long shard = ((Number) value).longValue();
            if (shard >= 0 && shard < shards) return (int) shard;
        }
        throw new IllegalArgumentException("the scheduled event's detail.shard must be a whole number from 0 to " + (shards - 1)
                + " (ALERT_SHARDS is " + shards + "), got " + (value instanceof String ? "\"" + value + "\"" : value));
    }
}
