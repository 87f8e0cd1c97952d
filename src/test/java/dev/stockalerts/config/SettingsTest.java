package dev.stockalerts.config;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsTest {

    /** That template.yaml's parameter defaults are these is checked by TemplateTest, against this very code. */
    @Test
    void unsetVariablesTakeTheirDefaults() {
        Settings s = Settings.from(Map.of("TABLE_NAME", "alerts"));
        assertEquals("alerts", s.tableName());
        assertEquals(Duration.ofHours(1), s.stateCacheTtl());
        assertEquals(Duration.ofHours(1), s.stateWriteInterval());
        assertEquals(Duration.ofMinutes(1), s.configCacheTtl());
        assertEquals(URI.create("https://query1.finance.yahoo.com"), s.yahooBaseUrl());
        assertNull(s.alertWebhookUrl());
    }

    @Test
    void aMissingTableNameIsNamed() {
        SettingsException e = assertThrows(SettingsException.class, () -> Settings.from(Map.of()));
        assertTrue(e.getMessage().contains("TABLE_NAME"), e.getMessage());
    }

    @Test
    void invalidValuesAreNamedWithWhatWasWrong() {
        assertMessage(Map.of("STATE_CACHE_TTL", "1h"), "STATE_CACHE_TTL must be an ISO-8601 duration such as PT1H, got '1h'");
        assertMessage(Map.of("STATE_WRITE_INTERVAL", "PT0S"), "STATE_WRITE_INTERVAL must be positive");
        assertMessage(Map.of("CONFIG_CACHE_TTL", "-PT1M"), "CONFIG_CACHE_TTL must not be negative, got '-PT1M'");
        assertMessage(Map.of("YAHOO_BASE_URL", "ftp://x"), "YAHOO_BASE_URL must be an http(s) URL, got 'ftp://x'");
        assertMessage(Map.of("ALERT_WEBHOOK_URL", "hooks.example/T0/secret path"),
                "ALERT_WEBHOOK_URL is not an http(s) URL (its value is not shown: a webhook URL is a secret)");
        assertMessage(Map.of("THROTTLE_SHARED", "yes"), "THROTTLE_SHARED must be true or false, got 'yes'");
    }

    @Test
    void aSecretOfTheWrongShapeIsRefusedWithoutShowingIt() {
        String token = "123456:AAH secret with spaces|{}";
        SettingsException e = assertThrows(SettingsException.class,
                () -> Settings.from(Map.of("TABLE_NAME", "t", "TELEGRAM_BOT_TOKEN", token)));
        assertEquals("TELEGRAM_BOT_TOKEN must be a Telegram bot token as BotFather gives it (digits, a colon, then letters,"
                + " digits, _ or -) (its value is not shown: it is a secret)", e.getMessage());
        assertFalse(e.getMessage().contains("AAH"));
        e = assertThrows(SettingsException.class, () -> Settings.from(Map.of("TABLE_NAME", "t", "FINNHUB_API_KEY", "k3y&x=1")));
        assertFalse(e.getMessage().contains("k3y"), e.getMessage());
    }

    @Test
    void printedSettingsShowWhetherASecretIsSetAndAWebhooksHostButNeverTheSecrets() {
        Settings s = Settings.from(Map.of("TABLE_NAME", "t", "TELEGRAM_BOT_TOKEN", "123456:AAHsecretPart_-x", "TELEGRAM_WEBHOOK_SECRET", "wh00kValue_1",
                "FINNHUB_API_KEY", "fhSecretKey", "ALERT_WEBHOOK_URL", "https://hooks.example.com:8443/services/T0/B1/secretPath",
                "ADMIN_WEBHOOK_URL", "https://ops.example.com/hook?token=adminSecret"));
        String printed = s.toString();
        for (String secret : new String[] {"AAHsecretPart", "fhSecretKey", "secretPath", "adminSecret", "/services", "wh00kValue"}) {
            assertFalse(printed.contains(secret), secret + " in " + printed);
        }
        assertTrue(printed.contains("alertWebhookUrl=https://hooks.example.com:8443/(not shown)"), printed);
        assertTrue(printed.contains("telegramBotToken=(set)"), printed);
        assertTrue(printed.contains("tableName=t"), printed);
    }

    @Test
    void theWebhookSecretMustHaveTelegramsShapeAndIsNeverEchoed() {
        String secret = "not valid: has spaces";
        SettingsException e = assertThrows(SettingsException.class,
                () -> Settings.from(Map.of("TABLE_NAME", "alerts", "TELEGRAM_WEBHOOK_SECRET", secret)));
        assertEquals("TELEGRAM_WEBHOOK_SECRET must be 1 to 256 of the characters A-Z, a-z, 0-9, _ and - (its value is not shown: it is a secret)",
                e.getMessage());
        assertMessage(Map.of("TELEGRAM_WEBHOOK_SECRET", "x".repeat(257)),
                "TELEGRAM_WEBHOOK_SECRET must be 1 to 256 of the characters A-Z, a-z, 0-9, _ and - (its value is not shown: it is a secret)");
        assertEquals("a-Z_09", Settings.from(Map.of("TABLE_NAME", "t", "TELEGRAM_WEBHOOK_SECRET", "a-Z_09")).telegramWebhookSecret());
    }

    @Test
    void theChatsThatMayCommandTheBotAreTheServicesAndTheAllowedOnes() {
        Settings s = Settings.from(Map.of("TABLE_NAME", "t", "TELEGRAM_CHAT_ID", "-1001234",
                "TELEGRAM_ALLOWED_CHAT_IDS", " 424242, ,-1009999 ,424242"));
        assertEquals(java.util.List.of("-1001234", "424242", "-1009999"), java.util.List.copyOf(s.telegramCommandChats()));
        assertMessage(Map.of("TELEGRAM_ALLOWED_CHAT_IDS", "424242,@mychannel"),
                "TELEGRAM_ALLOWED_CHAT_IDS must list Telegram chat ids such as 123456789 or -1001234567890, got '@mychannel'");
        assertTrue(Settings.from(Map.of("TABLE_NAME", "t")).telegramCommandChats().isEmpty());
    }

    private static void assertMessage(Map<String, String> vars, String expected) {
        java.util.Map<String, String> all = new java.util.HashMap<>(vars);
        all.put("TABLE_NAME", "alerts");
        assertEquals(expected, assertThrows(SettingsException.class, () -> Settings.from(all)).getMessage());
    }
}
