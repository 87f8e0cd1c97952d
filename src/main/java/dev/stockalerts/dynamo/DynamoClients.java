package dev.stockalerts.dynamo;

import dev.stockalerts.aws.LambdaCredentials;
import dev.stockalerts.time.DeadlineContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Builds the one DynamoDB client a container uses, with call and capacity counting attached. */
public final class DynamoClients {
    /** A single-digit-millisecond service: two seconds is an attempt that will not answer. */
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private DynamoClients() {}

    /**
     * In Lambda: region and credentials from the environment the runtime sets (the fastest providers
     * for cold start). The endpoint follows the SDK's standard AWS_ENDPOINT_URL_DYNAMODB when set.
     */
    public static DynamoDbClient fromEnvironment(DynamoMetrics metrics, DeadlineContext deadlines) {
        return fromEnvironment(System.getenv(), metrics, deadlines);
    }

    static DynamoDbClient fromEnvironment(Map<String, String> env, DynamoMetrics metrics, DeadlineContext deadlines) {
        Region region = Region.of(env.getOrDefault("AWS_REGION", "us-east-1"));
        boolean lambda = env.get("AWS_LAMBDA_FUNCTION_NAME") != null;
        AwsCredentialsProvider credentials = lambda
                ? LambdaCredentials.provider() // environment variables, or the container endpoint under SnapStart
                : localCredentials(env);
        DynamoDbClientBuilder builder = builder(metrics, deadlines, List.of()).region(region).credentialsProvider(credentials);
        String endpoint = env.get("AWS_ENDPOINT_URL_DYNAMODB");
        if (endpoint != null && endpoint.isBlank()) {
            // Declared but empty (template.yaml declares it so that sam local can set it): the SDK would take ""
            // for an endpoint and fail to build. Empty means the region's own endpoint.
            builder.endpointOverride(URI.create("https://" + DynamoDbClient.serviceMetadata().endpointFor(region)));
        }
        return builder.build();
    }

    /** A client for a DynamoDB Local endpoint, which accepts any credentials. */
    public static DynamoDbClient forLocalEndpoint(URI endpoint, DynamoMetrics metrics, DeadlineContext deadlines) {
        return forLocalEndpoint(endpoint, metrics, deadlines, List.of());
    }

    /** The same, with more interceptors (local tools: remembering which call failed). */
    public static DynamoDbClient forLocalEndpoint(URI endpoint, DynamoMetrics metrics, DeadlineContext deadlines,
                                                  List<ExecutionInterceptor> more) {
        return builder(metrics, deadlines, more)
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    private static AwsCredentialsProvider localCredentials(Map<String, String> env) {
        // Outside Lambda against DynamoDB Local there may be no credentials at all; any will do there.
        if (env.get("AWS_ENDPOINT_URL_DYNAMODB") != null && env.get("AWS_ACCESS_KEY_ID") == null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /**
     * Every call ends within {@link #CALL_TIMEOUT}, SDK retries included, and each attempt within
     * {@link #ATTEMPT_TIMEOUT}: a DynamoDB that stalls costs a run seconds, not its whole deadline.
     */
    private static DynamoDbClientBuilder builder(DynamoMetrics metrics, DeadlineContext deadlines, List<ExecutionInterceptor> more) {
        return DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(1))
                        .socketTimeout(ATTEMPT_TIMEOUT)
                        .build())
                .overrideConfiguration(c -> {
                    c.addExecutionInterceptor(metrics)
                            .addExecutionInterceptor(new CallDeadline(deadlines, CALL_TIMEOUT, ATTEMPT_TIMEOUT))
                            .apiCallTimeout(CALL_TIMEOUT)
                            .apiCallAttemptTimeout(ATTEMPT_TIMEOUT);
                    more.forEach(c::addExecutionInterceptor);
                });
    }
}
