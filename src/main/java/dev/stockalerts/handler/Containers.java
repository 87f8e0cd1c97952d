package dev.stockalerts.handler;

import dev.stockalerts.aws.SsmParameterStore;
import dev.stockalerts.config.Secrets;
import dev.stockalerts.config.Settings;
import dev.stockalerts.dynamo.DynamoClients;
import dev.stockalerts.dynamo.DynamoMetrics;
import dev.stockalerts.dynamo.DynamoThrottleStore;
import dev.stockalerts.wiring.ApiComponents;
import dev.stockalerts.wiring.CronComponents;
import dev.stockalerts.wiring.CronContainer;
import dev.stockalerts.wiring.Outbound;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import dev.stockalerts.time.DeadlineContext;

import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Per-container singletons, built on first use from the environment. Static so that caches
 * survive warm invocations; lazy so that a bad setting fails the invocation with its message.
 */
final class Containers {
    private static CronContainer cron;
    private static ApiComponents api;

    private Containers() {}

    /** What every function needs: settings, one DynamoDB client, quote providers and notification channels. */
    private record Base(Settings settings, DynamoMetrics metrics, DeadlineContext deadlines, DynamoDbClient dynamo,
                        Clock clock, Outbound outbound) {
        static Base fromEnvironment(Set<Secrets.Secret> secrets) {
            Settings settings = Settings.from(Secrets.resolve(System.getenv(), secrets, Base::readParameters));
            DynamoMetrics metrics = new DynamoMetrics();
            DeadlineContext deadlines = new DeadlineContext();
            DynamoDbClient dynamo = DynamoClients.fromEnvironment(metrics, deadlines);
            Clock clock = Clock.systemUTC();
            Outbound outbound = Outbound.fromSettings(settings, clock,
                    new DynamoThrottleStore(dynamo, settings.tableName()), System.out::println);
            return new Base(settings, metrics, deadlines, dynamo, clock, outbound);
        }

        /** Only called when a secret is named by its parameter and not set plainly (never in local runs). */
        private static Map<String, String> readParameters(Collection<String> names) {
            try (SsmParameterStore ssm = SsmParameterStore.fromEnvironment()) {
                return ssm.read(names);
            }
        }
    }

    /** The scheduled function's container; each shard's components are built on that shard's first run. */
    static synchronized CronContainer cron() {
        if (cron == null) {
            Base b = Base.fromEnvironment(CronComponents.SECRETS);
            cron = new CronContainer(b.settings(), b.dynamo(), b.metrics(), b.deadlines(), b.outbound(), b.clock(),
                    System.out::println);
        }
        return cron;
    }

    static synchronized ApiComponents api() {
        if (api == null) {
            Base b = Base.fromEnvironment(ApiComponents.SECRETS);
            api = ApiComponents.create(b.settings(), b.dynamo(), b.outbound(), b.clock(), System.out::println);
        }
        return api;
    }
}
