package dev.stockalerts.testing.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The least a Java function on DynamoDB does on a cold start: build one DynamoDB client (the JDK's URLConnection
 * client, credentials from the environment, as a lean function does) and make one GetItem. The floor the functions'
 * cold starts are measured against, run from the same deployment jar's libraries.
 */
public final class FloorHandler implements RequestStreamHandler {
    private final DynamoDbClient dynamo = DynamoDbClient.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .region(Region.of(System.getenv("AWS_REGION")))
            .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
            .endpointOverride(URI.create(System.getenv("AWS_ENDPOINT_URL_DYNAMODB")))
            .build();

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        in.readAllBytes();
        boolean found = dynamo.getItem(b -> b.tableName(System.getenv("TABLE_NAME"))
                .key(Map.of("pk", AttributeValue.fromS("CONFIG"), "sk", AttributeValue.fromS("global")))).hasItem();
        out.write(("{\"found\":" + found + "}").getBytes(StandardCharsets.UTF_8));
    }
}
