package dev.stockalerts.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

import java.util.Map;

/**
 * The credentials provider for SDK clients, chosen without walking the whole default chain (cold start).
 * In Lambda the role's credentials are in environment variables, except under SnapStart, where the
 * runtime serves them from the container credentials endpoint instead (a snapshot must not hold them).
 */
public final class LambdaCredentials {
    private LambdaCredentials() {}

    public static AwsCredentialsProvider provider() {
        return provider(System.getenv());
    }

    public static AwsCredentialsProvider provider(Map<String, String> env) {
        if (env.get("AWS_LAMBDA_FUNCTION_NAME") == null) return DefaultCredentialsProvider.builder().build();
        if (env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI") != null) return ContainerCredentialsProvider.builder().build();
        return EnvironmentVariableCredentialsProvider.create();
    }
}
