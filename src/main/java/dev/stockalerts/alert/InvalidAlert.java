package dev.stockalerts.alert;

import java.util.Map;

/**
 * An alert definition that breaks an invariant, with what is wrong per field ("level", "rearm.cooldown"), in field
 * order, so a caller can report every problem at once in its own terms (the API answers 400 naming the fields).
 */
public final class InvalidAlert extends IllegalArgumentException {
    private final Map<String, String> fields;

    public InvalidAlert(Map<String, String> fields) {
        super("invalid alert: " + fields);
        if (fields.isEmpty()) throw new IllegalArgumentException("an invalid alert names at least one field");
        this.fields = Map.copyOf(fields);
    }

    /** Field → what is wrong with it. */
    public Map<String, String> fields() {
        return fields;
    }
}
