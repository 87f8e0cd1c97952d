package dev.stockalerts.testing;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Runtime API's protocol as a runtime sees it, spoken here by a plain HTTP client (LambdaSandboxTest drives it with the real RIC). */
class LambdaRuntimeApiTest {
    private static final HttpClient HTTP = LoopbackHttpServer.CLIENT;

    private static HttpResponse<String> post(LambdaRuntimeApi api, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + api.address() + "/2018-06-01/runtime/" + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) request.headers(headers);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> next(LambdaRuntimeApi api) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + api.address() + "/2018-06-01/runtime/invocation/next")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void nextWaitsForAnEventAndHandsItOverWithTheHeadersTheRuntimeReads() throws Exception {
        try (LambdaRuntimeApi api = LambdaRuntimeApi.start("probe", LambdaRuntimeApi.Freezer.NONE)) {
            CompletableFuture<HttpResponse<String>> polling = CompletableFuture.supplyAsync(() -> {
                try {
                    return next(api);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            api.ready().get(5, TimeUnit.SECONDS); // the runtime is polling: nothing to hand over yet
            assertFalse(polling.isDone());

            long before = System.currentTimeMillis();
            LambdaRuntimeApi.Invocation call = api.enqueue("{ \"detail\" : {} }", Duration.ofSeconds(7));
            HttpResponse<String> event = polling.get(5, TimeUnit.SECONDS);

            assertEquals(200, event.statusCode());
            assertEquals("{ \"detail\" : {} }", event.body());
            assertEquals(call.requestId(), event.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow());
            long deadline = Long.parseLong(event.headers().firstValue("Lambda-Runtime-Deadline-Ms").orElseThrow());
            assertTrue(deadline >= before + 7000 && deadline <= System.currentTimeMillis() + 7000, "deadline " + deadline);
            assertEquals(deadline, call.deadlineEpochMs());
            assertEquals("arn:aws:lambda:us-east-1:123456789012:function:probe",
                    event.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn").orElseThrow());
            assertTrue(event.headers().firstValue("Lambda-Runtime-Trace-Id").orElseThrow().startsWith("Root=1-"));
            assertTrue(call.delivered().isDone());

            assertEquals(202, post(api, "invocation/" + call.requestId() + "/response", "{\"ok\":true}").statusCode());
            assertEquals(new LambdaRuntimeApi.Response("{\"ok\":true}"), call.reply().get(1, TimeUnit.SECONDS));
        }
    }

    @Test
    void anErrorReplyIsReadFromLambdasErrorDocument() throws Exception {
        try (LambdaRuntimeApi api = LambdaRuntimeApi.start("probe", LambdaRuntimeApi.Freezer.NONE)) {
            LambdaRuntimeApi.Invocation call = api.enqueue("{}", Duration.ofSeconds(3));
            next(api);
            HttpResponse<String> accepted = post(api, "invocation/" + call.requestId() + "/error",
                    "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.IllegalStateException\",\"stackTrace\":[\"a.B.c(B.java:1)\"]}",
                    "Lambda-Runtime-Function-Error-Type", "Runtime.UserException");

            assertEquals(202, accepted.statusCode());
            LambdaRuntimeApi.Error error = (LambdaRuntimeApi.Error) call.reply().get(1, TimeUnit.SECONDS);
            assertEquals("java.lang.IllegalStateException", error.errorType());
            assertEquals("boom", error.errorMessage());
            assertEquals("Runtime.UserException", error.runtimeErrorType());
            assertEquals(java.util.List.of("a.B.c(B.java:1)"), error.stackTrace());
        }
    }

    @Test
    void repliesForUnknownOrAlreadyAnsweredRequestsAreRefusedAndRecorded() throws Exception {
        try (LambdaRuntimeApi api = LambdaRuntimeApi.start("probe", LambdaRuntimeApi.Freezer.NONE)) {
            assertEquals(400, post(api, "invocation/no-such-id/response", "{}").statusCode());

            LambdaRuntimeApi.Invocation call = api.enqueue("{}", Duration.ofSeconds(3));
            next(api);
            assertEquals(202, post(api, "invocation/" + call.requestId() + "/response", "1").statusCode());
            assertEquals(400, post(api, "invocation/" + call.requestId() + "/response", "2").statusCode());

            assertEquals(new LambdaRuntimeApi.Response("1"), call.reply().get());
            assertEquals(2, api.protocolErrors().size(), api.protocolErrors()::toString);
        }
    }

    @Test
    void aResponseOverSixMegabytesIsRefusedAsLambdaRefusesIt() throws Exception {
        try (LambdaRuntimeApi api = LambdaRuntimeApi.start("probe", LambdaRuntimeApi.Freezer.NONE)) {
            LambdaRuntimeApi.Invocation call = api.enqueue("{}", Duration.ofSeconds(3));
            next(api);

            HttpResponse<String> refused = post(api, "invocation/" + call.requestId() + "/response",
                    "\"" + "x".repeat(LambdaRuntimeApi.MAX_PAYLOAD_BYTES) + "\"");

            assertEquals(413, refused.statusCode());
            LambdaRuntimeApi.Error error = assertInstanceOf(LambdaRuntimeApi.Error.class, call.reply().get());
            assertEquals("Function.ResponseSizeTooLarge", error.errorType());
        }
    }

    @Test
    void anInitErrorIsKeptForTheFirstInvocation() throws Exception {
        try (LambdaRuntimeApi api = LambdaRuntimeApi.start("probe", LambdaRuntimeApi.Freezer.NONE)) {
            assertEquals(202, post(api, "init/error", "{\"errorMessage\":\"TABLE_NAME is not set\",\"errorType\":\"java.lang.IllegalStateException\"}",
                    "Lambda-Runtime-Function-Error-Type", "Runtime.BadFunctionCode").statusCode());

            LambdaRuntimeApi.Error error = api.initError().get(1, TimeUnit.SECONDS);
            assertEquals("TABLE_NAME is not set", error.errorMessage());
            assertEquals("Runtime.BadFunctionCode", error.runtimeErrorType());
        }
    }
}
