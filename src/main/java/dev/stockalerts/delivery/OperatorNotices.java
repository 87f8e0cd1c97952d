package dev.stockalerts.delivery;

/** Notices to whoever runs the service (an admin webhook), throttled per key by the implementation. */
public interface OperatorNotices {
    /** @return true if the notice went out, false if a recent one with the same key holds it back */
    boolean notice(String key, String message);
}
