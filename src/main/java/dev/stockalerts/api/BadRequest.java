package dev.stockalerts.api;

/** The request cannot be understood (unreadable body, not JSON): the router answers 400 with this message. */
public final class BadRequest extends RuntimeException {
    public BadRequest(String message) {
        super(message);
    }
}
