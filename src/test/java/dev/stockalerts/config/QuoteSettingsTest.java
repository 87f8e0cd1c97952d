package dev.stockalerts.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The quote settings of issue #11: unset ones take their defaults (TemplateTest holds those against template.yaml), and bad values are named. */
class QuoteSettingsTest {

    @Test
    void unsetQuoteVariablesTakeTheirDefaults() {
        Settings s = Settings.from(Map.of("TABLE_NAME", "alerts"));
        assertEquals(Duration.ofHours(1), s.unknownSymbolTtl());
        assertEquals(100, s.quoteRequestsPerRun());
        assertEquals(8, s.quoteRequestsInFlight());
        assertEquals("v7", s.yahooSpark());
        assertEquals(20, s.yahooSparkBatch());
        assertEquals(60, s.finnhubCallsPerMinute());
    }

    @Test
    void givenValuesAreRead() {
        Settings s = settings(Map.of("UNKNOWN_SYMBOL_TTL", "PT10M", "QUOTE_REQUESTS_PER_RUN", "250",
                "QUOTE_REQUESTS_IN_FLIGHT", "4", "YAHOO_SPARK", "V8", "YAHOO_SPARK_BATCH", "10", "FINNHUB_CALLS_PER_MINUTE", "300"));
        assertEquals(Duration.ofMinutes(10), s.unknownSymbolTtl());
        assertEquals(250, s.quoteRequestsPerRun());
        assertEquals(4, s.quoteRequestsInFlight());
        assertEquals("v8", s.yahooSpark());
        assertEquals(10, s.yahooSparkBatch());
        assertEquals(300, s.finnhubCallsPerMinute());
    }

    @Test
    void invalidValuesAreNamedWithWhatWasWrong() {
        assertMessage("QUOTE_REQUESTS_PER_RUN", "0", "QUOTE_REQUESTS_PER_RUN must be a positive whole number, got '0'");
        assertMessage("QUOTE_REQUESTS_IN_FLIGHT", "many", "QUOTE_REQUESTS_IN_FLIGHT must be a positive whole number, got 'many'");
        assertMessage("YAHOO_SPARK", "v9", "YAHOO_SPARK must be one of v7, v8, off, got 'v9'");
        assertMessage("UNKNOWN_SYMBOL_TTL", "1h", "UNKNOWN_SYMBOL_TTL must be an ISO-8601 duration such as PT1H, got '1h'");
    }

    private static Settings settings(Map<String, String> vars) {
        Map<String, String> all = new HashMap<>(vars);
        all.put("TABLE_NAME", "alerts");
        return Settings.from(all);
    }

    private static void assertMessage(String name, String value, String expected) {
        assertEquals(expected, assertThrows(SettingsException.class, () -> settings(Map.of(name, value))).getMessage());
    }
}
