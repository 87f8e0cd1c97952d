package dev.stockalerts.wiring;

import dev.stockalerts.api.AlertEndpoints;
import dev.stockalerts.api.HistoryEndpoint;
import dev.stockalerts.api.PageTokens;
import dev.stockalerts.api.QuoteEndpoint;
import dev.stockalerts.api.Router;
import dev.stockalerts.api.StockApiRoutes;
import dev.stockalerts.api.TelegramWebhookEndpoint;
import dev.stockalerts.bot.ChatBot;
import dev.stockalerts.aws.SsmParameterStore;
import dev.stockalerts.config.Secrets;
import dev.stockalerts.config.Settings;
import dev.stockalerts.dynamo.Backoff;
import dev.stockalerts.dynamo.DynamoAlertRepository;
import dev.stockalerts.dynamo.DynamoClients;
import dev.stockalerts.dynamo.DynamoFiringHistory;
import dev.stockalerts.dynamo.DynamoMetrics;
import dev.stockalerts.dynamo.DynamoPageTokenKey;
import dev.stockalerts.dynamo.DynamoRequestMarks;
import dev.stockalerts.dynamo.DynamoStateStore;
import dev.stockalerts.dynamo.DynamoThrottleStore;
import dev.stockalerts.manage.AlertDefinitions;
import dev.stockalerts.manage.AlertReferences;
import dev.stockalerts.notify.TelegramChannel;
import dev.stockalerts.notify.WebhookChannel;
import dev.stockalerts.state.StateReader;
import dev.stockalerts.time.DeadlineContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The composition root: the one place that turns {@link Settings} into a function container's components. The
 * Lambda handlers, the local service, the simulation and the tests all build through it; what differs between them
 * comes in: the DynamoDB client, the clock, where log lines go, and (for priming or a test's own SNS) the outbound side.
 */
public final class App {
    /** The secrets the scheduled function reads: quote providers (Finnhub), channels (Telegram, webhook), admin notices. */
    public static final Set<Secrets.Secret> CRON_SECRETS = Set.of(Secrets.Secret.FINNHUB_API_KEY, Secrets.Secret.TELEGRAM_BOT_TOKEN,
            Secrets.Secret.ALERT_WEBHOOK_URL, Secrets.Secret.ADMIN_WEBHOOK_URL);
    /**
     * The secrets the API reads: quote providers (Finnhub), admin notices of their failures, and the Telegram webhook's
     * secret token. It sends no alert itself, and its bot answers in the webhook's response: no bot token.
     */
    public static final Set<Secrets.Secret> API_SECRETS = Set.of(Secrets.Secret.FINNHUB_API_KEY, Secrets.Secret.ADMIN_WEBHOOK_URL,
            Secrets.Secret.TELEGRAM_WEBHOOK_SECRET);

    private final Settings settings;
    private final DynamoDbClient dynamo;
    private final DynamoMetrics metrics;
    private final DeadlineContext deadlines;
    private final Clock clock;
    private final Consumer<String> log;
    private final Outbound outbound;

    /** @param deadlines the context {@code dynamo} caps its calls by (the one it was built with) */
    public App(Settings settings, DynamoDbClient dynamo, DynamoMetrics metrics, DeadlineContext deadlines, Clock clock,
               Consumer<String> log) {
        this(settings, dynamo, metrics, deadlines, clock, log,
                Outbound.fromSettings(settings, clock, deadlines, new DynamoThrottleStore(dynamo, settings.tableName()), log));
    }

    public App(Settings settings, DynamoDbClient dynamo, DynamoMetrics metrics, DeadlineContext deadlines, Clock clock,
               Consumer<String> log, Outbound outbound) {
        this.settings = settings;
        this.dynamo = dynamo;
        this.metrics = metrics;
        this.deadlines = deadlines;
        this.clock = clock;
        this.log = log;
        this.outbound = outbound;
    }

    /**
     * A Lambda container's: settings from the environment (the named secrets read from SSM by parameter name, once),
     * the region's DynamoDB, the system clock, and stdout, which the runtime sends to CloudWatch Logs.
     */
    public static App fromEnvironment(Set<Secrets.Secret> secrets) {
        Settings settings = Settings.from(Secrets.resolve(System.getenv(), secrets, App::readParameters));
        DynamoMetrics metrics = new DynamoMetrics();
        DeadlineContext deadlines = new DeadlineContext();
        return new App(settings, DynamoClients.fromEnvironment(metrics, deadlines), metrics, deadlines, Clock.systemUTC(),
                System.out::println);
    }

    /** Only called when a secret is named by its parameter and not set plainly (never in local runs). */
    private static Map<String, String> readParameters(Collection<String> names) {
        return SsmParameterStore.fromEnvironment(System.getenv()).read(names);
    }

    /** The scheduled function's components; each shard's are built on that shard's first run in this container. */
    public CronContainer cron() {
        return new CronContainer(settings, dynamo, metrics, deadlines, outbound, clock, log);
    }

    /** The API function's router over its endpoints. */
    public Router api() {
        String table = settings.tableName();
        AlertDefinitions definitions = new AlertDefinitions(
                new DynamoAlertRepository(dynamo, table, settings.alertShards()), settings.maxAlerts(), log);
        PageTokens tokens = new PageTokens(new DynamoPageTokenKey(dynamo, table), clock);
        StateReader states = DynamoStateStore.reader(dynamo, table, settings.alertShards());
        AlertReferences references = new AlertReferences(channelNames(), outbound.quotes());
        DynamoFiringHistory history = new DynamoFiringHistory(dynamo, table, settings.historyTtl(), Backoff.standard(), log);
        ChatBot bot = new ChatBot(outbound.quotes(), definitions, references, states, history,
                new DynamoRequestMarks(dynamo, table), clock, log);
        return StockApiRoutes.router(
                new QuoteEndpoint(outbound.quotes(), settings.quoteCacheTtl()),
                new AlertEndpoints(definitions, states, references, tokens, clock),
                new HistoryEndpoint(definitions, history, tokens),
                new TelegramWebhookEndpoint(bot, settings.telegramWebhookSecret(), settings.telegramCommandChats(), log),
                deadlines, log);
    }

    public Consumer<String> log() {
        return log;
    }

    /**
     * The channels the scheduled function sends on: the API's own (console, SNS, any it was given plainly), plus the
     * webhook and Telegram when their secrets are named for it (the API does not read them); Telegram needs a chat to
     * send to too, the service's or chats that make their own alerts.
     */
    private Set<String> channelNames() {
        Set<String> names = new TreeSet<>(outbound.notifier().channelNames());
        if (!settings.telegramCommandChats().isEmpty() && settings.telegramBotTokenParameter() != null) names.add(TelegramChannel.NAME);
        if (settings.alertWebhookUrlParameter() != null) names.add(WebhookChannel.NAME);
        return names;
    }
}
