package dev.stockalerts.handler;

import dev.stockalerts.config.Settings;
import dev.stockalerts.dynamo.DynamoClients;
import dev.stockalerts.dynamo.DynamoMetrics;
import dev.stockalerts.dynamo.DynamoThrottleStore;
import dev.stockalerts.wiring.CronComponents;
import dev.stockalerts.wiring.Outbound;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/**
 * Per-container singletons, built on first use from the environment. Static so that caches
 * survive warm invocations; lazy so that a bad setting fails the invocation with its message.
 */
final class Containers {
    private static CronComponents cron;

    private Containers() {}

    static synchronized CronComponents cron() {
        if (cron == null) {
            Settings settings = Settings.fromEnvironment();
            DynamoMetrics metrics = new DynamoMetrics();
            DynamoDbClient dynamo = DynamoClients.fromEnvironment(metrics);
            Clock clock = Clock.systemUTC();
            Outbound outbound = Outbound.fromSettings(settings, clock,
                    new DynamoThrottleStore(dynamo, settings.tableName()), System.out::println);
            cron = CronComponents.create(settings, dynamo, metrics, outbound, clock, System.out::println);
        }
        return cron;
    }
}
