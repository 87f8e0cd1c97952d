package dev.stockalerts.wiring;

import dev.stockalerts.check.AlertCheck;
import dev.stockalerts.check.ConfigCache;
import dev.stockalerts.config.Settings;
import dev.stockalerts.delivery.Deliveries;
import dev.stockalerts.delivery.RetryPolicy;
import dev.stockalerts.dynamo.Backoff;
import dev.stockalerts.dynamo.DynamoAlertRepository;
import dev.stockalerts.dynamo.DynamoConfigStore;
import dev.stockalerts.dynamo.DynamoFiringHistory;
import dev.stockalerts.dynamo.DynamoLedgerStore;
import dev.stockalerts.dynamo.DynamoMetrics;
import dev.stockalerts.dynamo.DynamoStateStore;
import dev.stockalerts.dynamo.Shard;
import dev.stockalerts.market.MarketCalendars;
import dev.stockalerts.state.AlertStateCache;
import dev.stockalerts.time.DeadlineContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.function.Consumer;

/** Everything the scheduled function keeps for one shard for the life of a container, built once. */
public record CronComponents(AlertCheck check, AlertStateCache cache, Deliveries deliveries) {
    /** Sends in flight at once: 30 firings to a slow webhook fit in about two of its timeouts. */
    static final int PARALLEL_SENDS = 16;

    /** One shard's components: its definitions, states, ledgers and revision; the client and outbound may be shared. */
    static CronComponents create(Settings settings, Shard shard, DynamoDbClient dynamo, DynamoMetrics metrics,
                                 DeadlineContext deadlines, Outbound outbound, Clock clock, Consumer<String> log) {
        String table = settings.tableName();
        RetryPolicy retries = RetryPolicy.standard(settings.deliveryGiveUp());
        DynamoFiringHistory history = new DynamoFiringHistory(dynamo, table, settings.historyTtl(), Backoff.standard(), log);
        Deliveries deliveries = new Deliveries(
                new DynamoLedgerStore(dynamo, table, shard, Backoff.standard(), retries::expiresAt, history, log), history,
                outbound.notifier(), outbound.admin(), retries, PARALLEL_SENDS, log);
        AlertStateCache cache = new AlertStateCache(
                new DynamoStateStore(dynamo, table, shard, Backoff.standard(), log),
                new DynamoAlertRepository(dynamo, table, shard.count()).of(shard),
                settings.stateCacheTtl(), settings.stateWriteInterval(), deliveries::reload, log);
        ConfigCache config = new ConfigCache(new DynamoConfigStore(dynamo, table, shard), settings.configCacheTtl(), clock, log);
        AlertCheck check = new AlertCheck(config, cache, outbound.quotes(), deliveries, metrics, deadlines, clock,
                MarketCalendars.of(settings.marketCalendar()), log);
        return new CronComponents(check, cache, deliveries);
    }
}
