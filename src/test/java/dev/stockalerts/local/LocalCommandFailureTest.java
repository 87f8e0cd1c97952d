package dev.stockalerts.local;

import dev.stockalerts.testing.FaultyDynamoProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Field report 8 of issue 8, as a user meets it: the local main class in its own JVM, pointed (AWS_ENDPOINT_URL_DYNAMODB)
 * at a DynamoDB that refuses one call. It used to die with Maven's class-loader error ("A required class was missing
 * ... SdkDiagnostics") hiding DynamoDB's message; now it names the call and the endpoint in one line and exits 1.
 */
class LocalCommandFailureTest {
    private final FaultyDynamoProxy dynamo = FaultyDynamoProxy.inFrontOfLocalDynamo();

    @AfterEach
    void close() {
        dynamo.close();
    }

    private record Exit(int code, String stdout, String stderr) {}

    private Exit localMain(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), LocalMain.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString());
        builder.environment().put("TABLE_NAME", "local-" + System.nanoTime());
        Process process = builder.start();
        process.getOutputStream().close();
        var stdout = process.getInputStream();
        var stderr = process.getErrorStream();
        var out = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(stdout));
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(stderr));
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the command did not end: " + out.getNow("") + err.getNow(""));
        }
        return new Exit(process.exitValue(), out.join(), err.join());
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void simulateNamesTheRefusedCallAndTheEndpointInOneLineAndExitsNonZero() throws Exception {
        dynamo.on("PutItem").accessDenied(); // the table is created; seeding the first alert is refused

        Exit exit = localMain("simulate", "--hours", "1");

        assertEquals(1, exit.code(), exit::toString);
        String expected = "error: DynamoDB PutItem at " + dynamo.endpoint() + " failed: User: arn:aws:iam::123456789012:user/local"
                + " is not authorized to perform this action";
        assertTrue(exit.stderr().startsWith(expected), exit::toString);
        assertEquals(1, exit.stderr().lines().count(), "one line, no stack trace: " + exit);
        assertFalse(exit.stdout().contains("Exception"), exit::toString);
    }

    @Test
    void serveNamesTheRefusedCallAndTheEndpointAndExitsNonZero() throws Exception {
        dynamo.on("DescribeTable").accessDenied();

        Exit exit = localMain("serve", "--port", "0");

        assertEquals(1, exit.code(), exit::toString);
        assertTrue(exit.stderr().startsWith("error: DynamoDB DescribeTable at " + dynamo.endpoint() + " failed: "), exit::toString);
        assertEquals(1, exit.stderr().lines().count(), exit::toString);
    }
}
