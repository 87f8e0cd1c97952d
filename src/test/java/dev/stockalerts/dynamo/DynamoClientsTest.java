package dev.stockalerts.dynamo;

import dev.stockalerts.time.DeadlineContext;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * template.yaml declares AWS_ENDPOINT_URL_DYNAMODB empty (so sam local's env.json can set it). The SDK would
 * read "" as an endpoint and fail to build the client ("The URI scheme of endpointOverride must not be null").
 */
class DynamoClientsTest {

    @Test
    void anEmptyEndpointVariableMeansTheRegionsOwnEndpoint() {
        try (DynamoDbClient client = DynamoClients.fromEnvironment(Map.of("AWS_LAMBDA_FUNCTION_NAME", "f",
                "AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL_DYNAMODB", ""), new DynamoMetrics(), new DeadlineContext())) {
            assertEquals(Optional.of(URI.create("https://dynamodb.eu-west-1.amazonaws.com")),
                    client.serviceClientConfiguration().endpointOverride());
        }
    }

    @Test
    void outsideLambdaALocalEndpointWithoutKeysIsGivenAnyCredentialsFromTheEnvironmentItIsPassed() {
        try (DynamoDbClient client = DynamoClients.fromEnvironment(Map.of("AWS_REGION", "eu-west-1",
                "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000"), new DynamoMetrics(), new DeadlineContext())) {
            assertEquals("local", client.serviceClientConfiguration().credentialsProvider().resolveIdentity().join().accessKeyId());
        }
    }

    @Test
    void withoutTheVariableTheSdkResolvesTheEndpointItself() {
        try (DynamoDbClient client = DynamoClients.fromEnvironment(
                Map.of("AWS_LAMBDA_FUNCTION_NAME", "f", "AWS_REGION", "eu-west-1"), new DynamoMetrics(), new DeadlineContext())) {
            assertEquals(Optional.empty(), client.serviceClientConfiguration().endpointOverride());
        }
    }
}
