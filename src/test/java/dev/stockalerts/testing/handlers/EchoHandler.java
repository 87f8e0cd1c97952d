package dev.stockalerts.testing.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Test-only function for LambdaSandboxTest: answers the event byte for byte, and logs one line per invocation. */
public final class EchoHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        System.out.println("echo " + context.getAwsRequestId());
        input.transferTo(output);
    }
}
