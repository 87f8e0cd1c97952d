package dev.stockalerts.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** API Gateway REST proxy events as the service sends them, and JSON answers read back. */
public final class ApiEvents {
    /** Lenient like the Lambda runtime's own deserializer: unknown fields of a real event are ignored. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private ApiEvents() {}

    /** The API's resources as template.yaml declares them, for what API Gateway puts in {@code resource}. */
    private static final List<String> RESOURCES = resources();

    /**
     * A request on stage "prod" as API Gateway sends it: {@code pathAndQuery} split into the path and decoded
     * query parameters, and, for a path one of the template's resources matches, that {@code resource} and its
     * decoded path parameters (a path no resource matches gets neither, as in a direct invocation).
     */
    public static APIGatewayProxyRequestEvent request(String method, String pathAndQuery, String body) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        context.setStage("prod");
        context.setPath("/prod" + path);
        context.setHttpMethod(method);
        context.setRequestId("test-request");
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
                .withHttpMethod(method)
                .withPath(path)
                .withHeaders(body == null ? Map.of() : Map.of("Content-Type", "application/json"))
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(context);
        if (q >= 0) event.setQueryStringParameters(query(pathAndQuery.substring(q + 1)));
        for (String resource : RESOURCES) {
            Map<String, String> parameters = match(resource, path);
            if (parameters == null) continue;
            event.setResource(resource);
            context.setResourcePath(resource);
            if (!parameters.isEmpty()) event.setPathParameters(parameters);
            break;
        }
        return event;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            parameters.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    /** The decoded path parameters if {@code path} fits the resource, else null. */
    private static Map<String, String> match(String resource, String path) {
        String[] want = resource.substring(1).split("/");
        String[] got = path.replaceAll("^/+|/+$", "").split("/");
        if (want.length != got.length) return null;
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < want.length; i++) {
            if (want[i].startsWith("{")) {
                if (got[i].isEmpty()) return null;
                parameters.put(want[i].substring(1, want[i].length() - 1), URLDecoder.decode(got[i].replace("+", "%2B"), StandardCharsets.UTF_8));
            } else if (!want[i].equals(got[i])) {
                return null;
            }
        }
        return parameters;
    }

    private static List<String> resources() {
        try {
            Matcher m = Pattern.compile("(?m)^\\s+Path: (/\\S+)$").matcher(Files.readString(Path.of("template.yaml")));
            List<String> found = new ArrayList<>();
            while (m.find()) if (!found.contains(m.group(1))) found.add(m.group(1));
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /**
     * {@code event} through a stream handler as Lambda passes it: the JSON API Gateway sends in, the proxy response as
     * API Gateway reads it back out.
     */
    public static APIGatewayProxyResponseEvent invoke(RequestStreamHandler handler, APIGatewayProxyRequestEvent event, Context context) {
        byte[] sent = RuntimeSerialization.write(event, APIGatewayProxyRequestEvent.class).getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
        try {
            handler.handleRequest(new java.io.ByteArrayInputStream(sent), answer, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return RuntimeSerialization.read(answer.toString(StandardCharsets.UTF_8), APIGatewayProxyResponseEvent.class);
    }
}
