package dev.stockalerts.wiring;

import dev.stockalerts.api.AlertDefinitions;
import dev.stockalerts.api.AlertEndpoints;
import dev.stockalerts.api.AlertReferences;
import dev.stockalerts.api.PageTokens;
import dev.stockalerts.api.QuoteEndpoint;
import dev.stockalerts.api.Router;
import dev.stockalerts.api.StockApiRoutes;
import dev.stockalerts.config.Settings;
import dev.stockalerts.dynamo.Backoff;
import dev.stockalerts.dynamo.DynamoAlertRepository;
import dev.stockalerts.dynamo.DynamoPageTokenKey;
import dev.stockalerts.dynamo.DynamoStateStore;
import dev.stockalerts.state.StateReader;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.function.Consumer;

/** Everything the API function keeps for the life of a container (client, quote cache), built once. */
public record ApiComponents(Router router) {

    public static ApiComponents create(Settings settings, DynamoDbClient dynamo, Outbound outbound, Clock clock,
                                       Consumer<String> log) {
        String table = settings.tableName();
        AlertDefinitions definitions = new AlertDefinitions(new DynamoAlertRepository(dynamo, table), settings.maxAlerts(), log);
        // Read-only use: the API never writes states.
        StateReader states = new DynamoStateStore(dynamo, table, Backoff.standard());
        AlertReferences references = new AlertReferences(outbound.notifier().channelNames(), outbound.quotes());
        PageTokens tokens = new PageTokens(new DynamoPageTokenKey(dynamo, table));
        Router router = StockApiRoutes.router(
                new QuoteEndpoint(outbound.quotes(), settings.quoteCacheTtl()),
                new AlertEndpoints(definitions, states, references, tokens, clock),
                log);
        return new ApiComponents(router);
    }
}
