package dev.stockalerts.testing;

import dev.stockalerts.dynamo.DynamoClients;
import dev.stockalerts.dynamo.DynamoMetrics;
import dev.stockalerts.time.DeadlineContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The proxy's faults as the AWS SDK sees them, against the real DynamoDB Local engine behind it. */
class FaultyDynamoProxyTest {
    private final String table = LocalDynamo.newTable();
    private final FaultyDynamoProxy proxy = FaultyDynamoProxy.inFrontOfLocalDynamo();
    private final DynamoDbClient direct = LocalDynamo.client(new DynamoMetrics());
    /** Sees each fault itself, without the SDK's retries. */
    private final DynamoDbClient once = DynamoDbClient.builder()
            .endpointOverride(proxy.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(10)).build())
            .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
            .build();

    @AfterEach
    void close() {
        once.close();
        direct.close();
        proxy.close();
    }

    private static Map<String, AttributeValue> item(String sk) {
        return Map.of("pk", AttributeValue.fromS("STATE"), "sk", AttributeValue.fromS(sk), "v", AttributeValue.fromN("1"));
    }

    private static Map<String, AttributeValue> key(String sk) {
        return Map.of("pk", AttributeValue.fromS("STATE"), "sk", AttributeValue.fromS(sk));
    }

    private boolean stored(String sk) {
        return direct.getItem(b -> b.tableName(table).key(key(sk)).consistentRead(true)).hasItem();
    }

    @Test
    void callsNoRuleTakesReachDynamoDbUntouchedAndAreCounted() {
        try (DynamoDbClient client = DynamoClients.forLocalEndpoint(proxy.endpoint(), new DynamoMetrics(), new DeadlineContext())) {
            client.putItem(b -> b.tableName(table).item(item("a1")));
            assertTrue(client.getItem(b -> b.tableName(table).key(key("a1"))).hasItem());
        }
        assertEquals(1, proxy.requests("PutItem"));
        assertEquals(1, proxy.requests("GetItem"));
        assertEquals(Map.of("GetItem", 1, "PutItem", 1), proxy.requestCounts());
        assertEquals(List.of(), proxy.failures());
    }

    @Test
    void throttlesAndServerErrorsParseAsTheExceptionsDynamoDbThrowsAndWriteNothing() {
        DynamoFaultRule throttle = proxy.on("PutItem").next(1).throttle();
        proxy.on("PutItem").next(1).throttlingException();
        proxy.on("PutItem").next(1).internalError();

        assertThrows(ProvisionedThroughputExceededException.class, () -> once.putItem(b -> b.tableName(table).item(item("a1"))));
        DynamoDbException throttling = assertThrows(DynamoDbException.class, () -> once.putItem(b -> b.tableName(table).item(item("a1"))));
        assertEquals("ThrottlingException", throttling.awsErrorDetails().errorCode());
        assertTrue(throttling.isThrottlingException());
        assertThrows(InternalServerErrorException.class, () -> once.putItem(b -> b.tableName(table).item(item("a1"))));

        assertFalse(stored("a1"));
        assertEquals(1, throttle.fired());
        once.putItem(b -> b.tableName(table).item(item("a1"))); // the rules are used up
        assertTrue(stored("a1"));
    }

    @Test
    void theProductionClientRetriesServerErrorsAndSucceeds() {
        proxy.on("GetItem").next(2).internalError();
        try (DynamoDbClient client = DynamoClients.forLocalEndpoint(proxy.endpoint(), new DynamoMetrics(), new DeadlineContext())) {
            client.getItem(b -> b.tableName(table).key(key("a1")));
        }
        assertEquals(3, proxy.requests("GetItem"));
    }

    @Test
    void anAmbiguousWriteCommitsAlthoughTheClientSeesAnErrorOrALostConnection() {
        proxy.on("PutItem").next(1).commitThenInternalError();
        proxy.on("PutItem").next(1).commitThenDrop();

        assertThrows(InternalServerErrorException.class, () -> once.putItem(b -> b.tableName(table).item(item("a1"))));
        assertThrows(SdkClientException.class, () -> once.putItem(b -> b.tableName(table).item(item("a2"))));

        assertTrue(stored("a1"));
        assertTrue(stored("a2"));
    }

    @Test
    void aDroppedConnectionWritesNothing() {
        proxy.on("PutItem").drop();
        assertThrows(SdkClientException.class, () -> once.putItem(b -> b.tableName(table).item(item("a1"))));
        assertFalse(stored("a1"));
    }

    @Test
    void aStalledCallEndsOnlyByTheClientsOwnTimeoutAndClosingReleasesIt() {
        proxy.on("GetItem").stall();
        assertThrows(ApiCallAttemptTimeoutException.class, () -> once.getItem(b -> b.tableName(table).key(key("a1"))
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(Duration.ofMillis(300)))));
        assertTrue(proxy.awaitRequests("GetItem", 1, Duration.ZERO));
    }

    @Test
    void anActionRunsRightAfterTheCallCommittedAndBeforeTheClientHasTheAnswer() {
        List<Boolean> storedWhenRun = new ArrayList<>();
        DynamoFaultRule rule = proxy.on("PutItem").next(1).forwardThen(() -> storedWhenRun.add(stored("a1")));

        once.putItem(b -> b.tableName(table).item(item("a1")));

        assertEquals(List.of(true), storedWhenRun);
        assertEquals(1, rule.fired());
    }

    @Test
    void aTransactionConflictCancelsTheWholeTransactionWithOneReasonPerItem() {
        proxy.on("TransactWriteItems").next(1).transactionConflict();
        List<TransactWriteItem> items = List.of(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(item("a1"))).build(),
                TransactWriteItem.builder().put(p -> p.tableName(table).item(item("a2"))).build());

        TransactionCanceledException cancelled = assertThrows(TransactionCanceledException.class,
                () -> once.transactWriteItems(b -> b.transactItems(items)));

        assertEquals(List.of("TransactionConflict", "None"),
                cancelled.cancellationReasons().stream().map(CancellationReason::code).toList());
        assertFalse(stored("a1"));
        once.transactWriteItems(b -> b.transactItems(items));
        assertTrue(stored("a1") && stored("a2"));
    }

    @Test
    void aForwardThatFailsDropsTheConnectionAndIsRecordedApartFromTheRequestCounts() {
        try (FaultyDynamoProxy nowhere = FaultyDynamoProxy.start(LoopbackHttpServer.closedPortUri());
             DynamoDbClient client = DynamoDbClient.builder()
                     .endpointOverride(nowhere.endpoint())
                     .region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                     .httpClient(UrlConnectionHttpClient.builder().build())
                     .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                     .build()) {
            assertThrows(SdkClientException.class, () -> client.getItem(b -> b.tableName(table).key(key("a1"))));

            assertEquals(Map.of("GetItem", 1), nowhere.requestCounts());
            assertEquals(1, nowhere.failures().size(), nowhere::describe);
            assertTrue(nowhere.failures().get(0).startsWith("GetItem: java.net.ConnectException"), nowhere::describe);
            assertTrue(nowhere.describe().contains("1 forwards to DynamoDB failed"), nowhere::describe);
        }
    }

    @Test
    void aSeededProbabilityFaultsTheSameCallsOnEveryRun() {
        List<Boolean> first = faultedGets(proxy.on("GetItem").withProbability(0.5, 7).internalError());
        proxy.clearRules();
        List<Boolean> second = faultedGets(proxy.on("GetItem").withProbability(0.5, 7).internalError());

        assertEquals(first, second);
        assertTrue(first.contains(true) && first.contains(false), first::toString);
    }

    private List<Boolean> faultedGets(DynamoFaultRule rule) {
        List<Boolean> faulted = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int before = rule.fired();
            try {
                once.getItem(b -> b.tableName(table).key(key("a1")));
            } catch (InternalServerErrorException expected) {
                // counted below
            }
            faulted.add(rule.fired() > before);
        }
        rule.remove();
        return faulted;
    }
}
