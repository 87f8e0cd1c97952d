package dev.stockalerts.testing.iam;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Hands each DynamoDB request an in-process function client sends, as it goes on the wire, to {@link FunctionRoles}
 * under the container's principal: what a proxy reads from the signature of a child process's requests.
 */
public final class RecordingInterceptor implements ExecutionInterceptor {
    private final String principal;

    public RecordingInterceptor(String principal) {
        this.principal = principal;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String target = context.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
        byte[] body = context.requestBody().map(b -> {
            try (InputStream in = b.contentStreamProvider().newStream()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse(new byte[0]);
        FunctionRoles.dynamo(principal, target.substring(target.indexOf('.') + 1), body);
    }
}
