package dev.stockalerts.aws;

import dev.stockalerts.config.Secrets;
import dev.stockalerts.config.SettingsException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.SsmClientBuilder;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** SecureString parameters through one {@code GetParameters} call with decryption; values are never logged. */
public final class SsmParameterStore implements Secrets.ParameterStore, AutoCloseable {
    private final SsmClient ssm;

    public SsmParameterStore(SsmClient ssm) {
        this.ssm = ssm;
    }

    /** A client for the function's region and role; closed after the one read, so no connection outlives it. */
    public static SsmParameterStore fromEnvironment() {
        SsmClientBuilder builder = SsmClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(LambdaCredentials.provider());
        String region = System.getenv("AWS_REGION");
        if (region != null && !region.isBlank()) builder.region(Region.of(region));
        return new SsmParameterStore(builder.build());
    }

    @Override
    public Map<String, String> read(Collection<String> names) {
        GetParametersResponse response;
        try {
            response = ssm.getParameters(b -> b.names(names).withDecryption(true));
        } catch (SdkException e) {
            throw new SettingsException("could not read SSM parameters " + names + ": " + e.getMessage());
        }
        Map<String, String> values = new HashMap<>();
        for (Parameter p : response.parameters()) values.put(p.name(), p.value());
        return values;
    }

    @Override
    public void close() {
        ssm.close();
    }
}
