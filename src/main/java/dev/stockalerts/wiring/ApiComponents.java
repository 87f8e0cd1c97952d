package dev.stockalerts.wiring;

import dev.stockalerts.api.AlertDefinitions;
import dev.stockalerts.api.AlertEndpoints;
import dev.stockalerts.api.AlertReferences;
import dev.stockalerts.api.HistoryEndpoint;
import dev.stockalerts.api.PageTokens;
import dev.stockalerts.api.QuoteEndpoint;
import dev.stockalerts.api.Router;
import dev.stockalerts.api.StockApiRoutes;
import dev.stockalerts.config.Secrets;
import dev.stockalerts.config.Settings;
import dev.stockalerts.dynamo.Backoff;
import dev.stockalerts.delivery.HistoryReader;
import dev.stockalerts.dynamo.DynamoAlertRepository;
import dev.stockalerts.dynamo.DynamoFiringHistory;
import dev.stockalerts.dynamo.DynamoPageTokenKey;
import dev.stockalerts.dynamo.DynamoStateStore;
import dev.stockalerts.notify.TelegramChannel;
import dev.stockalerts.state.StateReader;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/** Everything the API function keeps for the life of a container (client, quote cache), built once. */
public record ApiComponents(Router router) {
    /** The secrets the API reads: quote providers only (Finnhub). It never sends a notification itself. */
    public static final Set<Secrets.Secret> SECRETS = Set.of(Secrets.Secret.FINNHUB_API_KEY);

    public static ApiComponents create(Settings settings, DynamoDbClient dynamo, Outbound outbound, Clock clock,
                                       Consumer<String> log) {
        String table = settings.tableName();
        AlertDefinitions definitions = new AlertDefinitions(
                new DynamoAlertRepository(dynamo, table, settings.alertShards()), settings.maxAlerts(), log);
        // Read-only use: the API never writes states.
        StateReader states = DynamoStateStore.reader(dynamo, table, settings.alertShards());
        AlertReferences references = new AlertReferences(channelNames(settings, outbound), outbound.quotes());
        PageTokens tokens = new PageTokens(new DynamoPageTokenKey(dynamo, table));
        HistoryReader history = new DynamoFiringHistory(dynamo, table, settings.historyTtl(), Backoff.standard(), log);
        Router router = StockApiRoutes.router(
                new QuoteEndpoint(outbound.quotes(), settings.quoteCacheTtl()),
                new AlertEndpoints(definitions, states, references, tokens, clock),
                new HistoryEndpoint(definitions, history, tokens),
                log);
        return new ApiComponents(router);
    }

    /** Telegram counts as configured when the scheduled function has it: the API does not read its token. */
    private static Set<String> channelNames(Settings settings, Outbound outbound) {
        Set<String> names = new TreeSet<>(outbound.notifier().channelNames());
        if (settings.telegramChatId() != null && settings.telegramBotTokenParameter() != null) names.add(TelegramChannel.NAME);
        return names;
    }
}
