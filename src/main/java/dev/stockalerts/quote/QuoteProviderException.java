package dev.stockalerts.quote;

/** A provider failed to answer; {@link #kind()} says how, for fallback and throttled admin notices. */
public class QuoteProviderException extends Exception {
    /**
     * How a provider failed. BUDGET is our own limit, not the provider's fault: the requests this lookup may
     * make to it are spent, or its rate (e.g. Finnhub's free tier) allows no request now.
     */
    public enum Kind { TIMEOUT, RATE_LIMITED, SERVER_ERROR, CLIENT_ERROR, MALFORMED, NETWORK, BUDGET }

    private final String provider;
    private final Kind kind;
    private final String detail;
    private final Long retryAfterSeconds;

    public QuoteProviderException(String provider, Kind kind, String message, Long retryAfterSeconds, Throwable cause) {
        super(provider + ": " + kind + ": " + message, cause);
        this.provider = provider;
        this.kind = kind;
        this.detail = message;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public QuoteProviderException(String provider, Kind kind, String message) {
        this(provider, kind, message, null, null);
    }

    public String provider() {
        return provider;
    }

    public Kind kind() {
        return kind;
    }

    /** What went wrong, without the provider and kind the message starts with (for a notice that names them apart). */
    public String detail() {
        return detail;
    }

    /** The provider's Retry-After in seconds when it sent one, else null. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
