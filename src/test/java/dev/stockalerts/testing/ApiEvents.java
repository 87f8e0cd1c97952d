package dev.stockalerts.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/** API Gateway REST proxy events as the service sends them, and JSON answers read back. */
public final class ApiEvents {
    /** Lenient like the Lambda runtime's own deserializer: unknown fields of a real event are ignored. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private ApiEvents() {}

    /** A request on stage "prod", as API Gateway sends it; path parameters are left to the router. */
    public static APIGatewayProxyRequestEvent request(String method, String path, String body) {
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        context.setStage("prod");
        context.setPath("/prod" + path);
        context.setHttpMethod(method);
        context.setRequestId("test-request");
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod(method)
                .withPath(path)
                .withHeaders(body == null ? Map.of() : Map.of("Content-Type", "application/json"))
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(context);
    }

    /** The same request with its body base64-encoded, as API Gateway does for binary media types. */
    public static APIGatewayProxyRequestEvent base64(String method, String path, String body) {
        return request(method, path, Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)))
                .withIsBase64Encoded(true);
    }

    /** Read as the Lambda runtime reads it (aws-lambda-java-tests' EventLoader uses the runtime's serialization). */
    public static APIGatewayProxyRequestEvent load(Path file) {
        return EventLoader.loadApiGatewayRestEvent(file.toString());
    }

    public static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
