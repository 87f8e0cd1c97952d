package dev.stockalerts.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class LambdaCredentialsTest {

    @Test
    void inLambdaTheRolesCredentialsComeFromTheEnvironment() {
        assertInstanceOf(EnvironmentVariableCredentialsProvider.class,
                LambdaCredentials.provider(Map.of("AWS_LAMBDA_FUNCTION_NAME", "f")));
    }

    @Test
    void underSnapStartTheyComeFromTheContainerEndpointTheRuntimeSets() {
        assertInstanceOf(ContainerCredentialsProvider.class, LambdaCredentials.provider(Map.of(
                "AWS_LAMBDA_FUNCTION_NAME", "f",
                "AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9001/2021-04-23/credentials")));
    }

    @Test
    void outsideLambdaTheDefaultChainApplies() {
        assertInstanceOf(DefaultCredentialsProvider.class, LambdaCredentials.provider(Map.of()));
    }
}
