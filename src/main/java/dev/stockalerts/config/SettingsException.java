package dev.stockalerts.config;

/** A missing or invalid environment setting; the message names the variable. */
public class SettingsException extends IllegalArgumentException {
    public SettingsException(String message) {
        super(message);
    }
}
