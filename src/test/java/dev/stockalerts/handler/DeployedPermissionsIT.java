package dev.stockalerts.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockalerts.dynamo.DynamoMetrics;
import dev.stockalerts.local.WebhookReceiver;
import dev.stockalerts.testing.ApiEvents;
import dev.stockalerts.testing.CronHarness;
import dev.stockalerts.testing.FaultyDynamoProxy;
import dev.stockalerts.testing.InvokeResult;
import dev.stockalerts.testing.LambdaSandbox;
import dev.stockalerts.testing.LocalDynamo;
import dev.stockalerts.testing.LoopbackHttpServer;
import dev.stockalerts.testing.LoopbackHttpServer.Response;
import dev.stockalerts.testing.RuntimeSerialization;
import dev.stockalerts.testing.iam.FunctionRoles;
import dev.stockalerts.testing.iam.IamRequest;
import dev.stockalerts.testing.iam.RolePolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the deployed functions ask of AWS, held against their roles in template.yaml, and what they print, held against
 * the secrets they were given. Both functions run as the deployment jar under the real runtime interface client with
 * every secret named by its SSM parameter (read from a loopback SSM), every channel on (webhook, Telegram, SNS on
 * loopback), shared throttling, a failing provider, every API route, scheduled runs that fire, fail a delivery, retry
 * and settle it, flush, and sharded runs. Each DynamoDB, SSM and SNS request is evaluated as IAM would
 * ({@code FunctionRoles}; a denied one fails the test), and this test also shows that each kind of request was made.
 */
class DeployedPermissionsIT {
    private static final Duration CRON_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration API_TIMEOUT = Duration.ofSeconds(10);
    private static final String CRON = "dev.stockalerts.handler.AlertsCronFunction::handleRequest";
    private static final String API = "dev.stockalerts.handler.StockApiFunction::handleRequest";
    private static final String TOPIC = "arn:aws:sns:" + RolePolicy.REGION + ":" + RolePolicy.ACCOUNT + ":stock-alerts-AlertTopic";
    private static final String CHAT = "424242";

    private static final String FINNHUB_KEY = "fhSecretKey0123456789";
    private static final String TELEGRAM_TOKEN = "987654321:AAHtelegramSecret_abcdefghijklmnop";
    private static final String ALERT_HOOK_PATH = "/hooks/alertSecretPath123";
    private static final String ADMIN_HOOK_PATH = "/hooks/adminSecretPath456";

    private final CronHarness harness = new CronHarness(Instant.now());
    private final FaultyDynamoProxy dynamo = FaultyDynamoProxy.inFrontOfLocalDynamo();
    private final WebhookReceiver admin = new WebhookReceiver(body -> {});
    private final LoopbackHttpServer ssm = LoopbackHttpServer.start();
    private final LoopbackHttpServer sns = LoopbackHttpServer.start();
    private final LoopbackHttpServer telegram = LoopbackHttpServer.start()
            .routeAll(Response.json(200, "{\"ok\":true,\"result\":{\"message_id\":7}}"));
    private final List<LambdaSandbox> functions = new ArrayList<>();
    private final Map<String, String> parameters = new HashMap<>();

    DeployedPermissionsIT() {
        parameters.put("/stock-alerts/finnhub-api-key", FINNHUB_KEY);
        parameters.put("/stock-alerts/telegram-bot-token", TELEGRAM_TOKEN);
        parameters.put("/stock-alerts/alert-webhook-url", harness.webhook.baseUri() + ALERT_HOOK_PATH);
        parameters.put("/stock-alerts/admin-webhook-url", admin.baseUri() + ADMIN_HOOK_PATH);
        ssm.route("/", this::getParameters);
        sns.route("/", DeployedPermissionsIT::publish);
    }

    @AfterEach
    void close() {
        functions.forEach(LambdaSandbox::close);
        List.of(ssm, sns, telegram).forEach(LoopbackHttpServer::close);
        admin.close();
        dynamo.close();
        harness.close();
    }

    /** SSM's GetParameters (JSON 1.1), each name authorized for the caller as IAM would. */
    private Response getParameters(LoopbackHttpServer.Request request) {
        JsonNode body = ApiEvents.json(request.body());
        ObjectNode answer = ApiEvents.json("{\"InvalidParameters\":[],\"Parameters\":[]}").deepCopy();
        ArrayNode found = (ArrayNode) answer.get("Parameters");
        for (JsonNode name : body.get("Names")) {
            FunctionRoles.call(FunctionRoles.signer(request.header("Authorization")), new IamRequest("ssm:GetParameters",
                    "arn:aws:ssm:" + RolePolicy.REGION + ":" + RolePolicy.ACCOUNT + ":parameter" + name.asText(), Map.of()));
            found.addObject().put("Name", name.asText()).put("Type", "SecureString")
                    .put("Value", parameters.get(name.asText())).put("Version", 1);
        }
        return Response.of(200, answer.toString()).withHeader("Content-Type", "application/x-amz-json-1.1");
    }

    /** SNS's Publish (Query protocol), authorized for the caller on its topic. */
    private static Response publish(LoopbackHttpServer.Request request) {
        FunctionRoles.call(FunctionRoles.signer(request.header("Authorization")),
                new IamRequest("sns:" + request.form().get("Action"), request.form().get("TopicArn"), Map.of()));
        return Response.xml(200, "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                + "<MessageId>567910cd-659e-55d4-8ccb-5aaf14679dc0</MessageId></PublishResult><ResponseMetadata>"
                + "<RequestId>d74b8436-ae13-5ab4-a9ff-ce54dfea72a0</RequestId></ResponseMetadata></PublishResponse>");
    }

    /** A function as deployed: secrets by parameter name only, every channel, shared throttling. */
    private LambdaSandbox function(CronHarness on, String handler, Map<String, String> overrides) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ALERT_WEBHOOK_URL", ""); // the harness's plain one; deployed, it comes from SSM
        env.put("FINNHUB_API_KEY_PARAMETER", "/stock-alerts/finnhub-api-key");
        env.put("TELEGRAM_BOT_TOKEN_PARAMETER", "/stock-alerts/telegram-bot-token");
        env.put("ALERT_WEBHOOK_URL_PARAMETER", "/stock-alerts/alert-webhook-url");
        env.put("ADMIN_WEBHOOK_URL_PARAMETER", "/stock-alerts/admin-webhook-url");
        env.put("AWS_ENDPOINT_URL_SSM", ssm.baseUri().toString());
        env.put("AWS_ENDPOINT_URL_SNS", sns.baseUri().toString());
        env.put("ALERT_TOPIC_ARN", TOPIC);
        env.put("TELEGRAM_CHAT_ID", CHAT);
        env.put("TELEGRAM_BASE_URL", telegram.baseUri().toString());
        env.put("THROTTLE_SHARED", "true");
        env.putAll(overrides);
        LambdaSandbox function = on.sandbox(handler, dynamo.endpoint()).env(env).build();
        functions.add(function);
        return function;
    }

    private static JsonNode call(LambdaSandbox api, String method, String pathAndQuery, String body, int expected) {
        APIGatewayProxyRequestEvent event = ApiEvents.request(method, pathAndQuery, body);
        InvokeResult result = api.invoke(RuntimeSerialization.write(event, APIGatewayProxyRequestEvent.class), API_TIMEOUT);
        JsonNode response = result.json();
        assertEquals(expected, response.get("statusCode").asInt(), method + " " + pathAndQuery + ": " + result.describe());
        String answer = response.path("body").asText("");
        return answer.isEmpty() ? null : ApiEvents.json(answer);
    }

    private static JsonNode run(LambdaSandbox cron, String event) {
        InvokeResult run = cron.invoke(LambdaSandbox.sampleEvent(event), CRON_TIMEOUT);
        return run.json();
    }

    @Test
    void everyRequestOfEveryPathIsAllowedByTheFunctionsRoleAndNoSecretIsPrinted() {
        int mark = FunctionRoles.mark();
        harness.market.set("AAPL", 205);
        LambdaSandbox api = function(harness, API, Map.of());
        LambdaSandbox cron = function(harness, CRON, Map.of());

        // Every route of the API.
        call(api, "GET", "/stock/AAPL", null, 200);
        String fires = call(api, "POST", "/alerts", "{\"symbol\":\"AAPL\",\"condition\":\"ABOVE\",\"level\":200,"
                + "\"channels\":[\"webhook\",\"telegram\",\"sns\"]}", 201).get("id").asText();
        String waits = call(api, "POST", "/alerts", "{\"symbol\":\"AAPL\",\"condition\":\"CROSSES_ABOVE\",\"level\":300}", 201)
                .get("id").asText();
        String next = call(api, "GET", "/alerts?limit=1", null, 200).get("next").asText();
        call(api, "GET", "/alerts?limit=1&next=" + next, null, 200);
        call(api, "GET", "/alerts/" + waits, null, 200);
        call(api, "PATCH", "/alerts/" + waits, "{\"note\":\"after earnings\"}", 200);
        call(api, "POST", "/alerts/" + waits + "/rearm", null, 202);

        // A run that fires, the webhook failing: claimed, sent on Telegram and SNS, settled owing the webhook; flushed.
        harness.webhook.respondWith(500);
        JsonNode first = run(cron, "schedule.json");
        assertEquals(1, first.get("alertsFired").asInt(), first::toString);
        assertEquals(1, sns.requests().size());
        assertEquals(1, telegram.requests().size());
        // The container is recycled, and the retry's backoff passes: a new container finds the ledger due.
        cron.kill();
        makeEveryLedgerDue(harness.table);
        harness.webhook.respondWith(200);
        InvokeResult second = cron.invoke(LambdaSandbox.sampleEvent("schedule.json"), CRON_TIMEOUT);
        assertEquals(1, harness.webhook.bodies().size(), second::describe);

        JsonNode history = call(api, "GET", "/alerts/" + fires + "/history?limit=1", null, 200);
        assertEquals(1, history.get("history").size());
        call(api, "DELETE", "/alerts/" + waits, null, 204);
        run(cron, "schedule.json");

        // A provider failing: the admin notice goes out once, through the shared throttle.
        try (LoopbackHttpServer failing = LoopbackHttpServer.start().routeAll(Response.of(503, ""))) {
            LambdaSandbox quotesDown = function(harness, API, Map.of("YAHOO_BASE_URL", failing.baseUri().toString()));
            call(quotesDown, "GET", "/stock/MSFT", null, 502);
        }
        assertEquals(1, admin.bodies().size());

        // Sharded: two partitions each of definitions and states.
        try (CronHarness sharded = new CronHarness(Instant.now()).env("ALERT_SHARDS", "2")) {
            sharded.market.set("AAPL", 205);
            LambdaSandbox shardedApi = function(sharded, API, Map.of());
            for (int i = 0; i < 4; i++) {
                call(shardedApi, "POST", "/alerts", "{\"symbol\":\"AAPL\",\"condition\":\"ABOVE\",\"level\":" + (200 + i) + "}", 201);
            }
            LambdaSandbox shardedCron = function(sharded, CRON, Map.of());
            int fired = run(shardedCron, "schedule.json").get("alertsFired").asInt()
                    + run(shardedCron, "schedule-shard-1.json").get("alertsFired").asInt();
            assertEquals(4, fired);
        }

        Set<String> made = FunctionRoles.allowedSince(mark);
        Set<String> expected = new TreeSet<>(List.of(
                "StockApiFunction ssm:GetParameters parameter/stock-alerts/finnhub-api-key",
                "StockApiFunction ssm:GetParameters parameter/stock-alerts/admin-webhook-url",
                "AlertsCronFunction ssm:GetParameters parameter/stock-alerts/telegram-bot-token",
                "AlertsCronFunction ssm:GetParameters parameter/stock-alerts/alert-webhook-url",
                "AlertsCronFunction sns:Publish stock-alerts-AlertTopic",
                "StockApiFunction dynamodb:PutItem [ALERT]",
                "StockApiFunction dynamodb:UpdateItem [CONFIG]",
                "StockApiFunction dynamodb:Query [ALERT]",
                "StockApiFunction dynamodb:Query [HISTORY#*]",
                "StockApiFunction dynamodb:PutItem [THROTTLE]",
                "StockApiFunction dynamodb:PutItem [ALERT#*]",
                "AlertsCronFunction dynamodb:GetItem [CONFIG]",
                "AlertsCronFunction dynamodb:Query [STATE]",
                "AlertsCronFunction dynamodb:Query [STATE#*]",
                "AlertsCronFunction dynamodb:BatchGetItem [STATE]",
                "AlertsCronFunction dynamodb:BatchWriteItem [STATE]",
                "AlertsCronFunction dynamodb:BatchWriteItem [HISTORY#*, STATE]",
                "AlertsCronFunction dynamodb:BatchWriteItem [HISTORY#*, STATE#*]",
                "AlertsCronFunction dynamodb:PutItem [STATE]",
                "AlertsCronFunction dynamodb:PutItem [STATE#*]",
                "StockApiFunction dynamodb:DeleteItem [ALERT]",
                "StockApiFunction dynamodb:GetItem [STATE]",
                "StockApiFunction dynamodb:Query [STATE]"));
        expected.removeAll(made);
        assertEquals(Set.of(), expected, "not exercised; made: " + made);

        List<String> printed = new ArrayList<>();
        functions.forEach(f -> printed.addAll(f.logs()));
        for (String secret : List.of(FINNHUB_KEY, TELEGRAM_TOKEN, TELEGRAM_TOKEN.substring(TELEGRAM_TOKEN.indexOf(':') + 1),
                ALERT_HOOK_PATH, ADMIN_HOOK_PATH)) {
            List<String> leaks = printed.stream().filter(line -> line.contains(secret)).toList();
            assertEquals(List.of(), leaks, "a secret in what the functions printed");
        }
        assertTrue(printed.size() > 10, "the functions printed: " + printed.size() + " lines");
    }

    @Test
    void aMalformedSecretFailsTheContainerWithoutShowingIt() {
        String token = "123456:AAH secret|not/a token";
        parameters.put("/stock-alerts/telegram-bot-token", token);
        LambdaSandbox cron = function(harness, CRON, Map.of());
        InvokeResult failed = cron.invoke(LambdaSandbox.sampleEvent("schedule.json"), CRON_TIMEOUT);

        assertEquals(InvokeResult.Kind.FUNCTION_ERROR, failed.kind(), failed::describe);
        assertTrue(failed.errorMessage().contains("TELEGRAM_BOT_TOKEN must be a Telegram bot token"), failed::describe);
        List<String> everything = new ArrayList<>(cron.logs());
        everything.add(failed.body());
        assertFalse(everything.stream().anyMatch(l -> l.contains("AAH secret")), "the token was printed");
    }

    /** A ledger's retry falls due after its backoff: moved into the past, as if that time had passed. */
    private static void makeEveryLedgerDue(String table) {
        try (DynamoDbClient client = LocalDynamo.client(new DynamoMetrics())) {
            client.query(b -> b.tableName(table).keyConditionExpression("pk = :pk AND begins_with(sk, :l)")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("STATE"), ":l", AttributeValue.fromS("~ledger#"))))
                    .items().forEach(ledger -> client.updateItem(b -> b.tableName(table)
                            .key(Map.of("pk", ledger.get("pk"), "sk", ledger.get("sk")))
                            .updateExpression("SET #next = :past")
                            .expressionAttributeNames(Map.of("#next", "next"))
                            .expressionAttributeValues(Map.of(":past", AttributeValue.fromS(Instant.now().minusSeconds(60).toString())))));
        }
    }
}
