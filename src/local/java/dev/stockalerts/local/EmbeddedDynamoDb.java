package dev.stockalerts.local;

import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;

/** DynamoDB Local (the real engine, in memory) running in this JVM on a free loopback port. */
public final class EmbeddedDynamoDb implements AutoCloseable {
    /**
     * ServerRunner sets sqlite4java's logger to WARNING without keeping it, and JUL holds loggers only weakly: a garbage
     * collection before sqlite4java's first log call loses the level, and every connection then prints INFO lines on
     * stderr ("[sqlite] DB[1]: opened"). Held here, it stays set.
     */
    private static final java.util.logging.Logger SQLITE = java.util.logging.Logger.getLogger("com.almworks.sqlite4java");

    static {
        SQLITE.setLevel(java.util.logging.Level.WARNING);
    }

    private final DynamoDBProxyServer server;
    private final URI endpoint;

    private EmbeddedDynamoDb(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
    }

    public static EmbeddedDynamoDb start() {
        return start(freePort());
    }

    /** On a given port (all interfaces, so that containers such as sam local's can reach it). */
    public static EmbeddedDynamoDb start(int port) {
        if (System.getProperty("sqlite4java.library.path") == null) {
            // Maven copies the natives here (see pom.xml); set it for IDE runs too.
            System.setProperty("sqlite4java.library.path", "target/native-libs");
        }
        try {
            // One database whatever the caller's access key (DynamoDB Local keeps one per key and region otherwise):
            // each function signs as its own principal, as each has its own role in AWS, yet all share the table.
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                    new String[] {"-inMemory", "-sharedDb", "-port", Integer.toString(port), "-disableTelemetry"});
            server.start();
            return new EmbeddedDynamoDb(server, port);
        } catch (Exception e) {
            throw new IllegalStateException("could not start DynamoDB Local: " + e.getMessage(), e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop DynamoDB Local", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
