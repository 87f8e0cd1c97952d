package dev.stockalerts.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** A request whose fields (or query parameters) are wrong: the router answers 400 naming them. */
public final class InvalidRequest extends RuntimeException {
    private final Map<String, String> fields;

    public InvalidRequest(String error, Map<String, String> fields) {
        super(error);
        this.fields = new LinkedHashMap<>(fields);
    }

    /** Field → what is wrong with it, in the order found. */
    Map<String, String> fields() {
        return fields;
    }
}
