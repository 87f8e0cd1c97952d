package dev.stockalerts.testing;

import dev.stockalerts.testing.MisbehavingHttpServer.Behaviour;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each misbehaviour as an HTTP client (or a raw socket, where HTTP itself breaks) sees it. */
class MisbehavingHttpServerTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(2)).build();
    /** How long a raw-socket read may wait to show that nothing comes: short, since nothing should. */
    private static final int QUIET_MS = 200;

    private static HttpResponse<String> post(URI uri, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Sends a raw POST on a socket the test controls, so it can watch bytes (or their absence) arrive. */
    private static Socket rawPost(MisbehavingHttpServer server) throws IOException {
        Socket socket = new Socket("127.0.0.1", server.baseUri().getPort());
        socket.setSoTimeout(QUIET_MS);
        OutputStream out = socket.getOutputStream();
        out.write("POST /hook HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return socket;
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) head.append((char) in.read());
        return head.toString();
    }

    @Test
    void aNormalAnswerIsServedOnAKeptAliveConnectionAndEachRequestIsRecordedWithItsBody() throws Exception {
        try (MisbehavingHttpServer server = MisbehavingHttpServer.start()) {
            server.always(Behaviour.json(201, "{\"ok\":true}"));
            HttpResponse<String> first = post(server.uri("/alerts?x=1"), "{\"symbol\":\"AAPL\"}");
            post(server.uri("/alerts"), "{}");

            assertEquals(201, first.statusCode());
            assertEquals("{\"ok\":true}", first.body());
            LoopbackHttpServer.Request request = server.requests().get(0);
            assertEquals("POST", request.method());
            assertEquals("/alerts", request.path());
            assertEquals("x=1", request.query());
            assertEquals("application/json", request.header("content-type"));
            assertEquals("{\"symbol\":\"AAPL\"}", request.body());
            assertEquals(2, server.requests().size());
            assertEquals(1, server.connections());
        }
    }

    @Test
    void anActionRunsOnEachRequestBeforeTheServerAnswers() throws Exception {
        try (MisbehavingHttpServer server = MisbehavingHttpServer.start()) {
            List<String> seen = new CopyOnWriteArrayList<>();
            server.onRequest(request -> seen.add(request.body())).always(Behaviour.answer(204, null, ""));

            post(server.uri("/hook"), "{\"n\":1}");

            assertEquals(List.of("{\"n\":1}"), seen);
        }
    }

    @Test
    void theNextBehavioursComeFirstThenTheStandingOne() throws Exception {
        try (MisbehavingHttpServer server = MisbehavingHttpServer.start()) {
            server.next(Behaviour.json(503, "{}"), Behaviour.redirect(307, "http://127.0.0.1:1/elsewhere"))
                    .always(Behaviour.answer(204, null, ""));

            assertEquals(503, post(server.uri("/"), "{}").statusCode());
            HttpResponse<String> redirect = post(server.uri("/"), "{}");
            assertEquals(307, redirect.statusCode());
            assertEquals("http://127.0.0.1:1/elsewhere", redirect.headers().firstValue("Location").orElseThrow());
            assertEquals(204, post(server.uri("/"), "{}").statusCode());
        }
    }

    @Test
    void headersWithoutTheirBodyLeaveTheClientWaitingOnTheBody() throws Exception {
        try (MisbehavingHttpServer server = MisbehavingHttpServer.start(); Socket socket = rawPost(server.always(Behaviour.stallBody(200, 100)))) {
            InputStream in = socket.getInputStream();
            String head = readHead(in);

            assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n") && head.contains("Content-Length: 100\r\n"), head);
            assertThrows(SocketTimeoutException.class, in::read);
        }
    }

    @Test
    void aRequestThatIsNeverAnsweredIsStillRecorded() throws Exception {
        try (MisbehavingHttpServer server = MisbehavingHttpServer.start(); Socket socket = rawPost(server.always(Behaviour.neverAnswer()))) {
            assertTrue(server.awaitRequests(1, Duration.ofSeconds(5)));
            assertEquals("{}", server.requests().get(0).body());
            assertThrows(SocketTimeoutException.class, () -> socket.getInputStream().read());
        }
    }

    @Test
    void closingTheServerReleasesEveryStalledConnectionAtOnce() throws Exception {
        try (MisbehavingHttpServer server = MisbehavingHttpServer.start().next(Behaviour.stallBody(200, 10), Behaviour.neverAnswer());
             Socket stalledBody = rawPost(server)) {
            stalledBody.setSoTimeout(5000);
            readHead(stalledBody.getInputStream());
            try (Socket unanswered = rawPost(server)) {
                assertTrue(server.awaitRequests(2, Duration.ofSeconds(5)));
                unanswered.setSoTimeout(5000);

                server.close();

                assertEquals(-1, stalledBody.getInputStream().read());
                assertEquals(-1, unanswered.getInputStream().read());
            }
        }
    }

    @Test
    void garbageAClosedAndAResetConnectionAreIoErrorsForTheClient() {
        try (MisbehavingHttpServer server = MisbehavingHttpServer.start()) {
            server.always(Behaviour.garbage("SSH-2.0-OpenSSH_9.6\r\n"));
            assertThrows(IOException.class, () -> post(server.uri("/"), "{}"));
            server.always(Behaviour.closeImmediately());
            assertThrows(IOException.class, () -> post(server.uri("/"), "{}"));
            server.always(Behaviour.reset());
            assertThrows(IOException.class, () -> post(server.uri("/"), "{}"));
            assertTrue(server.connections() >= 3);
        }
    }

    @Test
    void aSlowAnswerTricklesInByteByByteButArrivesWhole() throws Exception {
        try (MisbehavingHttpServer server = MisbehavingHttpServer.start()) {
            server.always(Behaviour.slowly(200, "text/plain", "hello", Duration.ofMillis(2)));
            long start = System.nanoTime();
            HttpResponse<String> response = post(server.uri("/"), "{}");
            long tookMs = (System.nanoTime() - start) / 1_000_000;

            assertEquals("hello", response.body());
            assertTrue(tookMs >= 2 * 60, "the ~70-byte answer took only " + tookMs + " ms");
        }
    }
}
