package dev.stockalerts.wiring;

import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP transport that answers DynamoDB's JSON protocol from memory, for priming only: the SDK marshals,
 * signs and unmarshals as for a real call, but nothing leaves the process, so no connection ends up in the
 * snapshot and nothing is written anywhere. A {@code Query} answers one alert definition, anything else {@code {}}.
 */
final class PrimingHttpClient implements SdkHttpClient {
    /** An alert definition as the table holds it (see dynamo.AlertItems), so the answer is parsed like a real one. */
    static final String ALERT_ITEM = "{\"pk\":{\"S\":\"ALERT\"},\"sk\":{\"S\":\"priming\"},\"symbol\":{\"S\":\"PRIME\"},"
            + "\"condition\":{\"S\":\"ABOVE\"},\"level\":{\"N\":\"1\"},\"rearm\":{\"S\":\"ONCE\"},"
            + "\"channels\":{\"L\":[{\"S\":\"webhook\"}]},\"createdAt\":{\"S\":\"2026-01-01T00:00:00Z\"}}";

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
        byte[] body = (target.endsWith(".Query") ? "{\"Count\":1,\"ScannedCount\":1,\"Items\":[" + ALERT_ITEM + "]}" : "{}")
                .getBytes(StandardCharsets.UTF_8);
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(200)
                                .putHeader("Content-Type", "application/x-amz-json-1.0")
                                .putHeader("Content-Length", Integer.toString(body.length))
                                .build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                        .build();
            }

            @Override
            public void abort() {
                // nothing in flight
            }
        };
    }

    @Override
    public String clientName() {
        return "priming";
    }

    @Override
    public void close() {
        // nothing held
    }
}
