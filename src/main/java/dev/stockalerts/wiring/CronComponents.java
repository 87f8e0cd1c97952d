package dev.stockalerts.wiring;

import dev.stockalerts.check.AlertCheck;
import dev.stockalerts.config.ConfigCache;
import dev.stockalerts.config.Secrets;
import dev.stockalerts.config.Settings;
import dev.stockalerts.dynamo.Backoff;
import dev.stockalerts.dynamo.DynamoAlertRepository;
import dev.stockalerts.dynamo.DynamoConfigStore;
import dev.stockalerts.dynamo.DynamoMetrics;
import dev.stockalerts.dynamo.DynamoStateStore;
import dev.stockalerts.notify.Notifier;
import dev.stockalerts.quote.QuoteService;
import dev.stockalerts.state.AlertStateCache;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.Set;
import java.util.function.Consumer;

/** Everything the scheduled function keeps for the life of a container, built once. */
public record CronComponents(AlertCheck check, AlertStateCache cache) {
    /** The secrets the scheduled function reads: quote providers (Finnhub) and channels (Telegram). */
    public static final Set<Secrets.Secret> SECRETS = Set.of(Secrets.Secret.FINNHUB_API_KEY, Secrets.Secret.TELEGRAM_BOT_TOKEN);

    public static CronComponents create(Settings settings, DynamoDbClient dynamo, DynamoMetrics metrics,
                                        Outbound outbound, Clock clock, Consumer<String> log) {
        String table = settings.tableName();
        AlertStateCache cache = new AlertStateCache(
                new DynamoStateStore(dynamo, table, Backoff.standard()),
                new DynamoAlertRepository(dynamo, table),
                settings.stateCacheTtl(), settings.stateWriteInterval(), log);
        ConfigCache config = new ConfigCache(new DynamoConfigStore(dynamo, table), settings.configCacheTtl(), clock);
        QuoteService quotes = outbound.quotes();
        Notifier notifier = outbound.notifier();
        return new CronComponents(new AlertCheck(config, cache, quotes, notifier, metrics, clock, log), cache);
    }
}
