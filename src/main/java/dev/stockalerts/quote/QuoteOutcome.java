package dev.stockalerts.quote;

import java.util.Objects;

/**
 * What one provider said about one symbol: a quote, "no such symbol", or a failure with its reason.
 * Exactly one of {@code quote} and {@code failure} is set, or neither for "unknown".
 */
public record QuoteOutcome(Quote quote, QuoteProviderException failure) {
    private static final QuoteOutcome UNKNOWN = new QuoteOutcome(null, null);

    public QuoteOutcome {
        if (quote != null && failure != null) throw new IllegalArgumentException("a quote or a failure, not both");
    }

    public static QuoteOutcome found(Quote quote) {
        return new QuoteOutcome(Objects.requireNonNull(quote, "quote"), null);
    }

    /** The provider answered, and knows no such symbol. */
    public static QuoteOutcome unknown() {
        return UNKNOWN;
    }

    public static QuoteOutcome failed(QuoteProviderException failure) {
        return new QuoteOutcome(null, Objects.requireNonNull(failure, "failure"));
    }

    public boolean isFound() {
        return quote != null;
    }

    public boolean isFailed() {
        return failure != null;
    }

    public boolean isUnknown() {
        return quote == null && failure == null;
    }
}
