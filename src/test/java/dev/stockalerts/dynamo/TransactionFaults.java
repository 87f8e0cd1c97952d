package dev.stockalerts.dynamo;

import dev.stockalerts.testing.LocalDynamo;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * DynamoDB refusing TransactWriteItems the way it does under contention, injected into a client of DynamoDB Local:
 * each attempt the SDK makes (its own retries included) is refused before it is sent, with the exception the SDK
 * would have made of DynamoDB's answer, until {@link #clear()} or the given number of refusals ran out.
 */
public final class TransactionFaults implements ExecutionInterceptor {
    private final Supplier<RuntimeException> fault;
    private final AtomicInteger remaining;
    private final AtomicInteger attempts = new AtomicInteger();

    private TransactionFaults(Supplier<RuntimeException> fault, int times) {
        this.fault = fault;
        this.remaining = new AtomicInteger(times);
    }

    /** Another transaction holds one of the items: cancelled with reason TransactionConflict. */
    public static TransactionFaults conflicts(int times) {
        return new TransactionFaults(() -> TransactionCanceledException.builder()
                .message("Transaction cancelled, please refer cancellation reasons for specific reasons [None, TransactionConflict]")
                .cancellationReasons(CancellationReason.builder().code("None").build(),
                        CancellationReason.builder().code("TransactionConflict")
                                .message("Transaction is ongoing for the item").build())
                .awsErrorDetails(details("TransactionCanceledException", "Transaction cancelled"))
                .statusCode(400).build(), times);
    }

    /** Cancelled with these reasons, one per item of the transaction (e.g. "None", "ValidationError"). */
    public static TransactionFaults cancelled(int times, String... codes) {
        return new TransactionFaults(() -> TransactionCanceledException.builder()
                .message("Transaction cancelled, please refer cancellation reasons for specific reasons " + java.util.Arrays.toString(codes))
                .cancellationReasons(java.util.Arrays.stream(codes).map(code -> CancellationReason.builder().code(code)
                        .message("None".equals(code) ? null : code + " on this item").build()).toList())
                .awsErrorDetails(details("TransactionCanceledException", "Transaction cancelled"))
                .statusCode(400).build(), times);
    }

    /** The table's throughput is exceeded: a throttle, which the SDK itself retries before giving up. */
    public static TransactionFaults throttles(int times) {
        return new TransactionFaults(() -> ProvisionedThroughputExceededException.builder()
                .message("The level of configured provisioned throughput for the table was exceeded.")
                .awsErrorDetails(details("ProvisionedThroughputExceededException", "throughput exceeded"))
                .statusCode(400).build(), times);
    }

    private static AwsErrorDetails details(String code, String message) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("DynamoDb")
                .sdkHttpResponse(SdkHttpResponse.builder().statusCode(400).build()).build();
    }

    /** A client of the tests' DynamoDB Local with these faults and {@code metrics} attached. */
    public DynamoDbClient client(DynamoMetrics metrics) {
        try (DynamoDbClient plain = LocalDynamo.client(new DynamoMetrics())) {
            return DynamoDbClient.builder()
                    .endpointOverride(plain.serviceClientConfiguration().endpointOverride().orElseThrow())
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .httpClient(UrlConnectionHttpClient.builder().build())
                    .overrideConfiguration(c -> c.addExecutionInterceptor(metrics).addExecutionInterceptor(this))
                    .build();
        }
    }

    public void clear() {
        remaining.set(0);
    }

    /** TransactWriteItems attempts seen, refused or sent. */
    public int attempts() {
        return attempts.get();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (!"TransactWriteItems".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) return;
        attempts.incrementAndGet();
        if (remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0) throw fault.get();
    }
}
