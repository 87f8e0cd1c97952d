package dev.stockalerts.providers;

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
        return new ProviderSettings(order, LOCAL, LOCAL, token, LOCAL, Duration.ofSeconds(1), spark == null ? "v7" : spark, 20, 100, 60);
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
    void theFinnhubKeyNeverReachesALogLine() {
        ProviderSettings s = settings("yahoo,finnhub", "secret", null);
        assertEquals("secret", s.finnhubToken());
        assertFalse(s.toString().contains("secret"), s.toString());
    }
}
