package dev.stockalerts.localstack;

import cloud.localstack.Localstack;
import cloud.localstack.docker.LocalstackDockerExtension;
import cloud.localstack.docker.annotation.LocalstackDockerProperties;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.stockalerts.config.Settings;
import dev.stockalerts.dynamo.DynamoClients;
import dev.stockalerts.dynamo.DynamoMetrics;
import dev.stockalerts.dynamo.TableSetup;
import dev.stockalerts.handler.AlertsCronFunction;
import dev.stockalerts.handler.StockApiFunction;
import dev.stockalerts.local.SimulatedClock;
import dev.stockalerts.local.SimulatedMarket;
import dev.stockalerts.local.YahooFeedServer;
import dev.stockalerts.notify.ConsoleChannel;
import dev.stockalerts.notify.Notifier;
import dev.stockalerts.notify.SnsChannel;
import dev.stockalerts.testing.ApiEvents;
import dev.stockalerts.time.DeadlineContext;
import dev.stockalerts.wiring.App;
import dev.stockalerts.wiring.Outbound;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The alert API and the scheduled run against LocalStack's DynamoDB and SNS, the notification read back
 * through an SQS queue subscribed to the topic. {@link DockerEngineRunning} comes first: without a Docker
 * engine the class is skipped before LocalStack's extension would try to start a container.
 *
 * <p>Image 4.14.0: the last LocalStack community release (2026-02-26) that starts without an auth token;
 * from 2026.03 the localstack/localstack image requires LOCALSTACK_AUTH_TOKEN.
 */
@ExtendWith(DockerEngineRunning.class)
@ExtendWith(LocalstackDockerExtension.class)
@LocalstackDockerProperties(imageName = "localstack/localstack", imageTag = "4.14.0", services = {"dynamodb", "sns", "sqs"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalStackRunAndApiTest {
    private static final Instant T0 = Instant.parse("2026-11-23T14:00:00Z");
    private static final StaticCredentialsProvider TEST_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    private final SimulatedClock clock = new SimulatedClock(T0);
    private final SimulatedMarket market = new SimulatedMarket(clock, 1, 0);
    private final List<String> log = new CopyOnWriteArrayList<>();
    private YahooFeedServer yahoo;
    private DynamoDbClient dynamo;
    private SnsClient sns;
    private SqsClient sqs;
    private String queueUrl;
    private Settings settings;
    private Outbound outbound;

    @BeforeAll
    void setUp() {
        Region region = Region.of(Localstack.getDefaultRegion());
        dynamo = DynamoClients.forLocalEndpoint(URI.create(Localstack.INSTANCE.getEndpointDynamoDB()), new DynamoMetrics(), new DeadlineContext());
        sns = SnsClient.builder().endpointOverride(URI.create(Localstack.INSTANCE.getEndpointSNS())).region(region)
                .credentialsProvider(TEST_CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        sqs = SqsClient.builder().endpointOverride(URI.create(Localstack.INSTANCE.getEndpointSQS())).region(region)
                .credentialsProvider(TEST_CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();

        String table = "stock-alerts-localstack";
        TableSetup.createIfMissing(dynamo, table, true);
        String topicArn = sns.createTopic(b -> b.name("stock-alerts")).topicArn();
        queueUrl = sqs.createQueue(b -> b.queueName("stock-alerts-notifications")).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn)
                .attributes(Map.of("RawMessageDelivery", "true")));

        market.list("AAPL", 190);
        yahoo = new YahooFeedServer(market);
        settings = Settings.from(Map.of("TABLE_NAME", table, "QUOTE_PROVIDERS", "yahoo",
                "YAHOO_BASE_URL", yahoo.baseUri().toString()));
        Outbound http = Outbound.fromSettings(settings, clock, new DeadlineContext(), null, log::add);
        // The composition root's quotes and admin notices; the SNS channel on LocalStack's endpoint.
        outbound = new Outbound(http.quotes(), http.traffic(), new Notifier(List.of(new ConsoleChannel(log::add), new SnsChannel(() -> sns, topicArn, Duration.ofSeconds(5)))), http.admin());
    }

    @AfterAll
    void tearDown() {
        if (yahoo != null) yahoo.close();
        for (AutoCloseable c : new AutoCloseable[] {dynamo, sns, sqs}) {
            try {
                if (c != null) c.close();
            } catch (Exception ignored) {
                // closing test clients
            }
        }
    }

    @Test
    void anAlertCreatedThroughTheApiFiresOnTheScheduledRunAndReachesSnsSubscribers() {
        StockApiFunction api = new StockApiFunction(new App(settings, dynamo, new DynamoMetrics(), new DeadlineContext(), clock, log::add, outbound));
        APIGatewayProxyResponseEvent created = api.handleRequest(ApiEvents.request("POST", "/alerts",
                "{\"symbol\":\"AAPL\",\"condition\":\"ABOVE\",\"level\":200,\"channels\":[\"sns\"]}"), null);
        assertEquals(201, created.getStatusCode(), created.getBody());
        String id = ApiEvents.json(created.getBody()).get("id").asText();
        APIGatewayProxyResponseEvent listed = api.handleRequest(ApiEvents.request("GET", "/alerts", null), null);
        assertTrue(listed.getBody().contains(id), listed.getBody());

        DynamoMetrics metrics = new DynamoMetrics();
        DeadlineContext deadlines = new DeadlineContext();
        DynamoDbClient cronDynamo = DynamoClients.forLocalEndpoint(URI.create(Localstack.INSTANCE.getEndpointDynamoDB()), metrics, deadlines);
        AlertsCronFunction cron = new AlertsCronFunction(
                new App(settings, cronDynamo, metrics, deadlines, clock, log::add, outbound).cron(), log::add);
        market.set("AAPL", 205);
        Map<String, Object> report = cron.handleRequest(scheduled(), null);
        assertEquals(1, report.get("alertsChecked"), report.toString());
        assertEquals(1, report.get("alertsFired"), report.toString());
        assertEquals(0, report.get("deliveryFailures"), report.toString());

        List<Message> delivered = receive(Duration.ofSeconds(20));
        assertEquals(1, delivered.size(), "one SNS notification through the subscribed queue");
        assertTrue(delivered.get(0).body().startsWith("AAPL ABOVE 200.00: price 205.00"), delivered.get(0).body());

        clock.advance(Duration.ofMinutes(5));
        assertEquals(0, cron.handleRequest(scheduled(), null).get("alertsFired"), "a ONCE alert fires once");
        APIGatewayProxyResponseEvent state = api.handleRequest(ApiEvents.request("GET", "/alerts/" + id, null), null);
        assertEquals(200, state.getStatusCode(), state.getBody());
        assertEquals(1, ApiEvents.json(state.getBody()).get("state").get("fireCount").asInt(), state.getBody());
        cronDynamo.close();
    }

    private static ScheduledEvent scheduled() {
        ScheduledEvent event = new ScheduledEvent();
        event.setSource("aws.events");
        event.setDetailType("Scheduled Event");
        return event;
    }

    private List<Message> receive(Duration within) {
        List<Message> messages = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (messages.isEmpty() && System.nanoTime() < deadline) {
            messages.addAll(sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(5).maxNumberOfMessages(10)).messages());
        }
        return messages;
    }
}
