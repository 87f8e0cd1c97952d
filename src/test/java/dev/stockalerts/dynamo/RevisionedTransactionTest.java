package dev.stockalerts.dynamo;

import dev.stockalerts.manage.AlertAdmin;
import dev.stockalerts.time.Deadline;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionInProgressException;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which failures of a definition change are tried again: only those the SDK does not retry itself. A client that
 * answers each TransactWriteItems call with the next fault (as the SDK hands it over, its own retries spent) counts
 * the calls.
 */
class RevisionedTransactionTest {
    private final List<TransactWriteItemsRequest> calls = new ArrayList<>();
    private final Deque<RuntimeException> faults = new ArrayDeque<>();
    private final List<Duration> pauses = new ArrayList<>();
    private final RevisionedTransaction transaction = new RevisionedTransaction(new DynamoDbClient() {
        @Override
        public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
            calls.add(request);
            RuntimeException fault = faults.poll();
            if (fault != null) throw fault;
            return TransactWriteItemsResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {}
    }, "t", new Backoff(Duration.ofMillis(50), Duration.ofSeconds(2), 6, pauses::add, new Random(5)));

    private final TransactWriteItem change = TransactWriteItem.builder()
            .put(p -> p.tableName("t").item(Items.key(Shard.ONLY.alerts(), "a-1"))).build();

    private RevisionedTransaction.Outcome commit() {
        return transaction.commit(change, transaction.bump(Shard.ONLY, "", null, Map.of()), Deadline.in(Duration.ofSeconds(5)));
    }

    private static AwsErrorDetails details(String code) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(code).serviceName("DynamoDb").build();
    }

    @Test
    void whatTheSdkAlreadyRetriedIsBusyAfterOneCall() {
        List<Supplier<RuntimeException>> retriedBySdk = List.of(
                () -> ProvisionedThroughputExceededException.builder().statusCode(400)
                        .awsErrorDetails(details("ProvisionedThroughputExceededException")).build(),
                () -> DynamoDbException.builder().statusCode(400).awsErrorDetails(details("ThrottlingException")).build(),
                () -> TransactionInProgressException.builder().statusCode(400)
                        .awsErrorDetails(details("TransactionInProgressException")).build(),
                () -> ApiCallAttemptTimeoutException.create(2000));
        for (Supplier<RuntimeException> fault : retriedBySdk) {
            calls.clear();
            RuntimeException thrown = fault.get();
            faults.add(thrown);

            AlertAdmin.Busy busy = assertThrows(AlertAdmin.Busy.class, this::commit);

            assertSame(thrown, busy.getCause());
            assertEquals(1, calls.size(), "the SDK's attempts are not multiplied by ours: " + thrown);
            assertEquals(List.of(), pauses);
        }
    }

    @Test
    void aCallOutOfTimeIsTriedAgainWithTheSameToken() {
        faults.add(ApiCallTimeoutException.create(5000));

        assertTrue(commit().committed());

        assertEquals(2, calls.size());
        assertEquals(calls.get(0).clientRequestToken(), calls.get(1).clientRequestToken(), "a retry can only repeat the same transaction");
        assertEquals(1, pauses.size());
    }

    @Test
    void aCancellationForContentionIsTriedAgain() {
        for (String code : List.of("TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded")) {
            faults.add(TransactionCanceledException.builder().statusCode(400).awsErrorDetails(details("TransactionCanceledException"))
                    .cancellationReasons(CancellationReason.builder().code("None").build(), CancellationReason.builder().code(code).build())
                    .build());
        }

        assertTrue(commit().committed());

        assertEquals(4, calls.size(), "the SDK does not retry a cancelled transaction: we do");
        assertEquals(3, pauses.size());
    }

    @Test
    void aCancellationForAnotherReasonIsNotTriedAgainEvenBesideAConflict() {
        TransactionCanceledException invalid = TransactionCanceledException.builder().statusCode(400)
                .awsErrorDetails(details("TransactionCanceledException"))
                .cancellationReasons(CancellationReason.builder().code("TransactionConflict").build(),
                        CancellationReason.builder().code("ValidationError").build())
                .build();
        faults.add(invalid);

        assertSame(invalid, assertThrows(TransactionCanceledException.class, this::commit));
        assertEquals(1, calls.size());
    }
}
