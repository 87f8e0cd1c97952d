package dev.stockalerts.notify;

import dev.stockalerts.delivery.SendResult.Outcome;
import dev.stockalerts.testing.LoopbackHttpServer.Response;
import dev.stockalerts.testing.LoopbackHttpServer;
import dev.stockalerts.time.Deadline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against a loopback server speaking the SNS Query protocol (form-encoded POST in, XML out). */
class SnsChannelTest {
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:stock-alerts";
    private static final String PUBLISH_OK = "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
            + "<PublishResult><MessageId>567910cd-659e-55d4-8ccb-5aaf14679dc0</MessageId></PublishResult>"
            + "<ResponseMetadata><RequestId>d74b8436-ae13-5ab4-a9ff-ce54dfea72a0</RequestId></ResponseMetadata>"
            + "</PublishResponse>";

    private final LoopbackHttpServer server = LoopbackHttpServer.start();
    private SnsClient sns;

    @AfterEach
    void stop() {
        if (sns != null) sns.close();
        server.close();
    }

    private SnsChannel channel(URI endpoint) {
        sns = SnsChannel.clientBuilder(Duration.ofSeconds(5))
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .build();
        SnsClient client = sns;
        return new SnsChannel(() -> client, TOPIC, Duration.ofSeconds(5));
    }

    @Test
    void publishesMessageSubjectAndSymbolAttribute() throws Exception {
        server.routeAll(Response.xml(200, PUBLISH_OK));
        channel(server.baseUri()).send(NotificationTest.sample(), Deadline.none());

        LoopbackHttpServer.Request r = server.onlyRequest();
        assertEquals("POST", r.method());
        assertTrue(r.header("Content-Type").startsWith("application/x-www-form-urlencoded"), r.header("Content-Type"));
        Map<String, String> form = r.form();
        assertEquals("Publish", form.get("Action"));
        assertEquals("2010-03-31", form.get("Version"));
        assertEquals(TOPIC, form.get("TopicArn"));
        assertEquals("AAPL ABOVE 200.00: price 201.35 at 2026-11-25T14:05:00Z", form.get("Message"));
        assertEquals("Stock alert: AAPL ABOVE 200.00", form.get("Subject"));
        assertEquals("symbol", form.get("MessageAttributes.entry.1.Name"));
        assertEquals("String", form.get("MessageAttributes.entry.1.Value.DataType"));
        assertEquals("AAPL", form.get("MessageAttributes.entry.1.Value.StringValue"));
    }

    @Test
    void topicNotFoundIsPermanent() {
        server.routeAll(Response.xml(404, "<ErrorResponse><Error><Type>Sender</Type><Code>NotFound</Code>"
                + "<Message>Topic does not exist</Message></Error><RequestId>x</RequestId></ErrorResponse>"));
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> channel(server.baseUri()).send(NotificationTest.sample(), Deadline.none()));
        assertEquals("sns", e.channel());
        assertEquals(Outcome.REJECTED, e.outcome());
        assertTrue(e.getMessage().contains("NotFound") && e.getMessage().contains("Topic does not exist"), e.getMessage());
    }

    @Test
    void throttlingIsAFailureToRetry() {
        server.routeAll(Response.xml(400, "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>"
                + "<Message>Rate exceeded</Message></Error><RequestId>y</RequestId></ErrorResponse>"));
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> channel(server.baseUri()).send(NotificationTest.sample(), Deadline.none()));
        assertEquals(Outcome.FAILED, e.outcome());
        assertEquals(1, server.requests().size());
    }

    /** SNS had the request when it answered 5xx: it may have published, and an SDK retry would publish again. */
    @Test
    void aServerErrorIsSentOnceAndCountsAsUnanswered() {
        server.routeAll(Response.xml(500, "<ErrorResponse><Error><Type>Receiver</Type><Code>InternalError</Code>"
                + "<Message>Internal error</Message></Error><RequestId>z</RequestId></ErrorResponse>"));
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> channel(server.baseUri()).send(NotificationTest.sample(), Deadline.none()));
        assertEquals(Outcome.UNANSWERED, e.outcome());
        assertEquals(1, server.requests().size(), "one attempt per send: the delivery ledger is the retry");
    }

    @Test
    void anUnreachableEndpointIsAFailureNothingWasPublished() {
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> channel(LoopbackHttpServer.closedPortUri()).send(NotificationTest.sample(), Deadline.none()));
        assertEquals(Outcome.FAILED, e.outcome());
    }

    @Test
    void noAnswerBeforeTheDeadlineIsUnanswered() {
        server.hang();
        long started = System.nanoTime();
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> channel(server.baseUri()).send(NotificationTest.sample(), Deadline.in(Duration.ofMillis(300))));
        assertEquals(Outcome.UNANSWERED, e.outcome());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 10);
    }
}
