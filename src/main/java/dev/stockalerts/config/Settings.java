package dev.stockalerts.config;

import dev.stockalerts.market.MarketCalendars;

import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Everything the functions read from their environment, parsed and validated once per container.
 * Each variable is also a template.yaml Parameter with the same default.
 */
public record Settings(
        String tableName,
        Duration stateCacheTtl,
        Duration stateWriteInterval,
        Duration configCacheTtl,
        Duration quoteCacheTtl,
        Duration httpTimeout,
        String quoteProviders,
        URI yahooBaseUrl,
        URI finnhubBaseUrl,
        String finnhubApiKey,
        URI stooqBaseUrl,
        URI alertWebhookUrl,
        URI adminWebhookUrl,
        Duration throttleWindow,
        boolean throttleShared,
        URI telegramBaseUrl,
        String telegramBotToken,
        String telegramChatId,
        String alertTopicArn,
        String telegramBotTokenParameter,
        String alertWebhookUrlParameter,
        Duration deliveryGiveUp,
        int maxAlerts,
        Duration historyTtl,
        Duration unknownSymbolTtl,
        int quoteRequestsPerRun,
        int quoteRequestsInFlight,
        String yahooSpark,
        int yahooSparkBatch,
        int finnhubCallsPerMinute,
        String marketCalendar,
        int alertShards,
        String telegramWebhookSecret,
        List<String> telegramAllowedChatIds) {

    public static final URI YAHOO = URI.create("https://query1.finance.yahoo.com");
    public static final URI FINNHUB = URI.create("https://finnhub.io");
    public static final URI STOOQ = URI.create("https://stooq.com");
    public static final URI TELEGRAM = URI.create("https://api.telegram.org");
    /** What Telegram accepts as setWebhook's secret_token. */
    public static final Pattern WEBHOOK_SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final Pattern CHAT_ID = Pattern.compile("-?[0-9]{1,16}");

    /** The chats whose commands the bot takes: TELEGRAM_CHAT_ID and TELEGRAM_ALLOWED_CHAT_IDS. */
    public Set<String> telegramCommandChats() {
        Set<String> chats = new LinkedHashSet<>();
        if (telegramChatId != null) chats.add(telegramChatId);
        chats.addAll(telegramAllowedChatIds);
        return chats;
    }

    /** The shapes secrets are checked against before anything builds a URL or a header from them. */
    private static final Pattern TELEGRAM_TOKEN = Pattern.compile("[0-9]{1,20}:[A-Za-z0-9_-]{1,100}");
    private static final Pattern FINNHUB_KEY = Pattern.compile("[A-Za-z0-9_-]{1,200}");
    /** Fields that hold a secret, or a URL whose path is one: {@link #toString()} shows them redacted. */
    private static final Set<String> SECRET_FIELDS = Set.of("finnhubApiKey", "telegramBotToken", "telegramWebhookSecret");
    private static final Set<String> SECRET_URLS = Set.of("alertWebhookUrl", "adminWebhookUrl");

    public static Settings from(Map<String, String> vars) {
        Env env = new Env(vars);
        Duration writeInterval = env.duration("STATE_WRITE_INTERVAL", Duration.ofHours(1));
        if (writeInterval.isZero()) throw new SettingsException("STATE_WRITE_INTERVAL must be positive");
        return new Settings(
                env.required("TABLE_NAME"),
                env.duration("STATE_CACHE_TTL", Duration.ofHours(1)),
                writeInterval,
                env.duration("CONFIG_CACHE_TTL", Duration.ofMinutes(1)),
                env.duration("QUOTE_CACHE_TTL", Duration.ofSeconds(60)),
                env.duration("HTTP_TIMEOUT", Duration.ofSeconds(3)),
                env.string("QUOTE_PROVIDERS", "yahoo,finnhub,stooq"),
                env.uri("YAHOO_BASE_URL", YAHOO),
                env.uri("FINNHUB_BASE_URL", FINNHUB),
                env.secret("FINNHUB_API_KEY", FINNHUB_KEY, "a Finnhub API key (letters and digits)"),
                env.uri("STOOQ_BASE_URL", STOOQ),
                env.secretUri("ALERT_WEBHOOK_URL"),
                env.secretUri("ADMIN_WEBHOOK_URL"),
                env.duration("THROTTLE_WINDOW", Duration.ofHours(1)),
                env.bool("THROTTLE_SHARED", false),
                env.uri("TELEGRAM_BASE_URL", TELEGRAM),
                env.secret("TELEGRAM_BOT_TOKEN", TELEGRAM_TOKEN, "a Telegram bot token as BotFather gives it (digits, a colon, then letters, digits, _ or -)"),
                env.optional("TELEGRAM_CHAT_ID"),
                env.optional("ALERT_TOPIC_ARN"),
                // Secrets reads the SSM parameters named by *_PARAMETER into the variables above; the API keeps these
                // names to know which channels the scheduled function has, without reading their secrets.
                env.optional("TELEGRAM_BOT_TOKEN_PARAMETER"),
                env.optional("ALERT_WEBHOOK_URL_PARAMETER"),
                env.duration("DELIVERY_GIVE_UP", Duration.ofHours(24)),
                env.integer("MAX_ALERTS", 10_000, 1, 1_000_000),
                env.duration("HISTORY_TTL", Duration.ofDays(90)),
                env.duration("UNKNOWN_SYMBOL_TTL", Duration.ofHours(1)),
                env.positiveInt("QUOTE_REQUESTS_PER_RUN", 100),
                env.positiveInt("QUOTE_REQUESTS_IN_FLIGHT", 8),
                env.oneOf("YAHOO_SPARK", "v7", "v7", "v8", "off"),
                env.positiveInt("YAHOO_SPARK_BATCH", 20),
                env.positiveInt("FINNHUB_CALLS_PER_MINUTE", 60),
                env.oneOf("MARKET_CALENDAR", MarketCalendars.DEFAULT_ID, MarketCalendars.ids().toArray(String[]::new)),
                // Shards of the alerts, each checked by its own scheduled invocation (docs/scaling.md); 64 as Shard.MAX_COUNT.
                env.integer("ALERT_SHARDS", 1, 1, 64),
                // Secrets reads TELEGRAM_WEBHOOK_SECRET_PARAMETER's SSM parameter into it (the API function only).
                env.secret("TELEGRAM_WEBHOOK_SECRET", WEBHOOK_SECRET, "1 to 256 of the characters A-Z, a-z, 0-9, _ and -"),
                env.list("TELEGRAM_ALLOWED_CHAT_IDS", CHAT_ID, "Telegram chat ids such as 123456789 or -1001234567890"));
    }

    /** Every setting, with secrets shown as set or not and webhook URLs as scheme and host only. */
    @Override
    public String toString() {
        StringJoiner out = new StringJoiner(", ", "Settings[", "]");
        for (RecordComponent c : getClass().getRecordComponents()) {
            Object value;
            try {
                value = c.getAccessor().invoke(this);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (value != null && SECRET_FIELDS.contains(c.getName())) value = "(set)";
            if (value instanceof URI uri && SECRET_URLS.contains(c.getName())) {
                value = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "") + "/(not shown)";
            }
            out.add(c.getName() + "=" + value);
        }
        return out.toString();
    }
}
