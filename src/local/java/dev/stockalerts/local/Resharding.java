package dev.stockalerts.local;

import dev.stockalerts.dynamo.DynamoClients;
import dev.stockalerts.dynamo.DynamoMetrics;
import dev.stockalerts.dynamo.Reshard;
import dev.stockalerts.time.DeadlineContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.Locale;

/**
 * {@code reshard --table T --from A --to B}: lays a deployed table out for another ALERT_SHARDS, with the AWS
 * credentials and region of the environment (AWS_PROFILE, AWS_REGION), or the endpoint in AWS_ENDPOINT_URL_DYNAMODB.
 * docs/scaling.md says when to run it: right after deploying the new AlertShards.
 */
final class Resharding {
    private Resharding() {}

    static void run(String table, int from, int to) {
        DynamoMetrics metrics = new DynamoMetrics();
        try (DynamoDbClient client = DynamoClients.fromEnvironment(metrics, new DeadlineContext())) {
            System.out.printf(Locale.ROOT, "[Reshard] table %s: %d → %d shards%n", table, from, to);
            Reshard.Moved moved = new Reshard(client, table, System.out::println).run(from, to);
            System.out.printf(Locale.ROOT, "[Reshard] done: %d definitions, %d states and %d delivery ledgers moved;"
                            + " %d DynamoDB calls, %.1f capacity units%n", moved.definitions(), moved.states(), moved.ledgers(),
                    metrics.snapshot().calls(), metrics.snapshot().capacityUnits());
            System.out.println("[Reshard] the scheduled runs with ALERT_SHARDS " + to + " pass the layout check from their next run");
        }
    }
}
