package dev.stockalerts.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockalerts.config.Secrets;
import dev.stockalerts.config.SettingsException;
import dev.stockalerts.json.Json;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SecureString parameters read with SSM's {@code GetParameters} (decrypted), once per container. The call is the
 * service's JSON protocol signed by the SDK's own SigV4 signer with the function's credentials: the SDK's SSM client
 * would add 6 MB of model classes to the jar (cold-start time) for this one call. Values are never logged.
 */
public final class SsmParameterStore implements Secrets.ParameterStore {
    /** GetParameters takes at most this many names a call. */
    static final int MAX_NAMES = 10;
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    /** Headers the JDK client sets itself from the request; the signature covers the same values. */
    private static final Set<String> SET_BY_CLIENT = Set.of("host", "content-length");

    private final URI endpoint;
    private final String region;
    private final AwsCredentialsProvider credentials;
    private final HttpClient http;

    public SsmParameterStore(URI endpoint, String region, AwsCredentialsProvider credentials) {
        this.endpoint = endpoint;
        this.region = region;
        this.credentials = credentials;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    /**
     * The function's region and role; the endpoint follows the SDK's standard {@code AWS_ENDPOINT_URL_SSM} when set
     * (a test's loopback SSM), else the region's own.
     */
    public static SsmParameterStore fromEnvironment(Map<String, String> env) {
        String region = env.getOrDefault("AWS_REGION", "us-east-1");
        String override = env.get("AWS_ENDPOINT_URL_SSM");
        URI endpoint = override != null && !override.isBlank() ? URI.create(override.trim())
                : URI.create("https://ssm." + region + (region.startsWith("cn-") ? ".amazonaws.com.cn" : ".amazonaws.com"));
        return new SsmParameterStore(endpoint, region, LambdaCredentials.provider(env));
    }

    @Override
    public Map<String, String> read(Collection<String> names) {
        List<String> all = List.copyOf(names);
        Map<String, String> values = new HashMap<>();
        for (int from = 0; from < all.size(); from += MAX_NAMES) {
            List<String> chunk = all.subList(from, Math.min(from + MAX_NAMES, all.size()));
            try {
                values.putAll(getParameters(chunk));
            } catch (IOException | RuntimeException e) {
                throw new SettingsException("could not read SSM parameters " + chunk + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SettingsException("could not read SSM parameters " + chunk + ": interrupted");
            }
        }
        return values;
    }

    private Map<String, String> getParameters(List<String> names) throws IOException, InterruptedException {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putArray("Names").addAll(names.stream().map(Json.MAPPER.getNodeFactory()::textNode).toList());
        body.put("WithDecryption", true);
        byte[] payload = Json.write(body).getBytes(StandardCharsets.UTF_8);

        SdkHttpRequest unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint.resolve("/"))
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "AmazonSSM.GetParameters")
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(credentials.resolveCredentials())
                .request(unsigned)
                .payload(ContentStreamProvider.fromByteArrayUnsafe(payload))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ssm")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));

        HttpRequest.Builder request = HttpRequest.newBuilder(signed.request().getUri())
                .timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
        signed.request().forEachHeader((name, values) -> {
            if (!SET_BY_CLIENT.contains(name.toLowerCase(java.util.Locale.ROOT))) values.forEach(v -> request.header(name, v));
        });
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode answer = Json.MAPPER.readTree(response.body().isBlank() ? "{}" : response.body());
        if (response.statusCode() != 200) {
            // AWS JSON errors: {"__type": "...#AccessDeniedException", "message": "..."}; the message names the
            // parameter, never its value.
            String type = answer.path("__type").asText("HTTP " + response.statusCode());
            String message = answer.has("message") ? answer.get("message").asText() : answer.path("Message").asText("");
            throw new IOException(type.substring(type.indexOf('#') + 1) + (message.isEmpty() ? "" : ": " + message));
        }
        Map<String, String> values = new HashMap<>();
        for (JsonNode p : answer.path("Parameters")) values.put(p.path("Name").asText(), p.path("Value").asText());
        return values;
    }
}
