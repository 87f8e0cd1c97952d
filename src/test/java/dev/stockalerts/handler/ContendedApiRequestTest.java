package dev.stockalerts.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.stockalerts.config.Settings;
import dev.stockalerts.dynamo.DynamoAlertRepository;
import dev.stockalerts.dynamo.DynamoMetrics;
import dev.stockalerts.dynamo.TransactionFaults;
import dev.stockalerts.testing.ApiEvents;
import dev.stockalerts.testing.CronHarness;
import dev.stockalerts.testing.LocalDynamo;
import dev.stockalerts.time.DeadlineContext;
import dev.stockalerts.wiring.App;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * POST /alerts through the Lambda handler while DynamoDB refuses its transaction (injected into the function's client):
 * retried within the invocation's remaining time as the Context tells it, then 503 with Retry-After, never 500;
 * and created once the contention clears.
 */
class ContendedApiRequestTest {
    private static final String BODY = "{\"symbol\":\"AAPL\",\"condition\":\"ABOVE\",\"level\":200}";

    private final CronHarness env = new CronHarness();
    private final TransactionFaults faults = TransactionFaults.conflicts(Integer.MAX_VALUE);
    private final DynamoMetrics metrics = new DynamoMetrics();
    private final DynamoDbClient client = faults.client(metrics);
    private final StockApiFunction function;

    ContendedApiRequestTest() {
        env.market.list("AAPL", 190);
        Settings settings = env.settings();
        function = new StockApiFunction(new App(settings, client, metrics, new DeadlineContext(), env.clock, env.log::add));
    }

    @AfterEach
    void close() {
        client.close();
        env.close();
    }

    private APIGatewayProxyResponseEvent create(Duration invocationTimeLeft) {
        return ApiEvents.invoke(function, ApiEvents.request("POST", "/alerts", BODY), new InvocationContext(invocationTimeLeft));
    }

    @Test
    void contentionPastTheInvocationsTimeIs503WithRetryAfterAndWritesNothing() {
        long started = System.nanoTime();
        APIGatewayProxyResponseEvent response = create(Duration.ofMillis(1200));
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(503, response.getStatusCode(), response.getBody());
        assertEquals("1", response.getHeaders().get("Retry-After"));
        assertEquals("alert definitions are busy; retry shortly", ApiEvents.json(response.getBody()).get("error").asText());
        assertTrue(elapsedMillis < 1200 - 400, "answered inside the invocation, its margin kept: " + elapsedMillis + " ms");
        assertTrue(env.log.stream().anyMatch(l -> l.startsWith("[API] POST /alerts answered 503")), env.log.toString());
        try (DynamoDbClient plain = LocalDynamo.client(new DynamoMetrics())) {
            assertEquals(List.of(), new DynamoAlertRepository(plain, env.table).loadAll());
        }
    }

    @Test
    void whenTheContentionClearsTheSameRequestCreatesTheAlert() {
        assertEquals(503, create(Duration.ofMillis(800)).getStatusCode());
        faults.clear();

        APIGatewayProxyResponseEvent response = create(Duration.ofSeconds(10));

        assertEquals(201, response.getStatusCode(), response.getBody());
        try (DynamoDbClient plain = LocalDynamo.client(new DynamoMetrics())) {
            assertEquals(1, new DynamoAlertRepository(plain, env.table).loadAll().size());
        }
    }
}
