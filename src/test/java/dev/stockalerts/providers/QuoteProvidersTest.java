package dev.stockalerts.providers;

import dev.stockalerts.providers.ProviderSettings;
import dev.stockalerts.providers.QuoteProviders;
import dev.stockalerts.quote.QuoteProvider;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuoteProvidersTest {
    private static final URI LOCAL = URI.create("http://127.0.0.1:9");

    private static ProviderSettings settings(String order, String token, String spark) {
        return new ProviderSettings(order, LOCAL, LOCAL, token, LOCAL, Duration.ofSeconds(1), spark, 0, 0, 0);
    }

    private static List<String> names(String order, String token) {
        return QuoteProviders.fromSettings(settings(order, token, null), Providers.traffic()).stream().map(QuoteProvider::name).toList();
    }

    @Test
    void buildsInConfiguredOrder() {
        assertEquals(List.of("stooq", "yahoo", "finnhub"), names(" stooq, Yahoo ,finnhub ", "key"));
    }

    @Test
    void unknownNameIsRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> names("yahoo,bloomberg", null));
        assertTrue(e.getMessage().contains("bloomberg"), e.getMessage());
    }

    @Test
    void finnhubNeedsItsKeyOnlyWhenUsed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> names("yahoo,finnhub", " "));
        assertTrue(e.getMessage().contains("FINNHUB_API_KEY"), e.getMessage());
        assertEquals(List.of("yahoo", "stooq"), names("yahoo,stooq", null));
    }

    @Test
    void emptyOrRepeatedOrderIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> names(" , ", null));
        assertThrows(IllegalArgumentException.class, () -> names("yahoo,yahoo", null));
    }

    @Test
    void anUnknownSparkVersionIsRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QuoteProviders.fromSettings(settings("yahoo", null, "v9"), Providers.traffic()));
        assertTrue(e.getMessage().contains("v9"), e.getMessage());
    }

    @Test
    void defaultsPointAtTheRealServicesWithTheDocumentedLimitsAndHideTheKey() {
        ProviderSettings s = new ProviderSettings(null, null, null, "secret", null, null, null, 0, 0, 0);
        assertEquals("yahoo,finnhub,stooq", s.order());
        assertEquals(URI.create("https://query1.finance.yahoo.com"), s.yahooBase());
        assertEquals(URI.create("https://finnhub.io"), s.finnhubBase());
        assertEquals(URI.create("https://stooq.com"), s.stooqBase());
        assertEquals("/v7/finance/spark", s.yahooSparkPath());
        assertEquals(20, s.sparkBatchSize());
        assertEquals(100, s.requestsPerLookup());
        assertEquals(60, s.finnhubCallsPerMinute());
        assertFalse(s.toString().contains("secret"));
    }
}
