package dev.stockalerts;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockalerts.config.Secrets.Secret;
import dev.stockalerts.config.Settings;
import dev.stockalerts.dynamo.DynamoMetrics;
import dev.stockalerts.dynamo.Shard;
import dev.stockalerts.dynamo.TableSetup;
import dev.stockalerts.handler.RunMetrics;
import dev.stockalerts.testing.LocalDynamo;
import dev.stockalerts.testing.SamTemplate;
import dev.stockalerts.wiring.App;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static dev.stockalerts.testing.SamTemplate.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** template.yaml pins what the code relies on; each test reads the template and the code, never a copy of either. */
class TemplateTest {
    private static final String CRON = "AlertsCronFunction";
    private static final String API = "StockApiFunction";
    /** Read by the JVM and the SDK, not by Settings. */
    private static final Set<String> NOT_SETTINGS = Set.of("JAVA_TOOL_OPTIONS", "AWS_ENDPOINT_URL_DYNAMODB");

    private final SamTemplate template = SamTemplate.load();

    private static Map<Secret, String> secretsOf(String function) {
        Set<Secret> secrets = function.equals(CRON) ? App.CRON_SECRETS : App.API_SECRETS;
        return secrets.stream().collect(Collectors.toMap(s -> s, Secret::parameterVariable));
    }

    /** Every variable Settings reads, found by letting it read a map that records each lookup. */
    private static Set<String> variablesSettingsReads() {
        Set<String> read = new TreeSet<>();
        Map<String, String> recording = new HashMap<>() {
            @Override
            public String get(Object key) {
                read.add((String) key);
                return "TABLE_NAME".equals(key) ? "t" : null;
            }
        };
        Settings.from(recording);
        return read;
    }

    @Test
    void theReadmesConfigurationTableNamesEveryVariableTheCodeReads() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String table = readme.substring(readme.indexOf("## Configuration"), readme.indexOf("\n## ", readme.indexOf("## Configuration") + 1));
        Set<String> missing = new TreeSet<>();
        for (String variable : variablesSettingsReads()) if (!table.contains("`" + variable + "`")) missing.add(variable);
        assertEquals(Set.of(), missing, "README's configuration table misses these variables");
    }

    @Test
    void theAlertRoutesNeedTheApiKeyAndTheQuoteRouteDoesNot() {
        assertEquals(true, map(template.properties("StockApi").get("Auth")).get("ApiKeyRequired"), "keyed by default");
        Map<String, Object> events = map(template.properties(API).get("Events"));
        assertFalse(events.isEmpty());
        events.forEach((name, event) -> {
            Map<String, Object> props = map(map(event).get("Properties"));
            Object keyRequired = map(props.get("Auth")).get("ApiKeyRequired");
            if (props.get("Path").equals("/stock/{symbol}")) {
                assertEquals(false, keyRequired, "quotes are public");
            } else if (props.get("Path").equals("/telegram/webhook")) {
                assertEquals(false, keyRequired, "Telegram cannot send the key; the function checks its secret token");
            } else {
                assertTrue(props.get("Path").toString().startsWith("/alerts"), name + ": " + props.get("Path"));
                assertTrue(keyRequired == null || Boolean.TRUE.equals(keyRequired), name + " must keep the API key");
            }
        });
    }

    private Map<String, Map<String, Object>> schedules() {
        Map<String, Map<String, Object>> schedules = new TreeMap<>();
        map(template.properties(CRON).get("Events")).forEach((name, event) -> {
            if ("Schedule".equals(map(event).get("Type"))) schedules.put(name, map(map(event).get("Properties")));
        });
        return schedules;
    }

    @Test
    void theScheduledFunctionRunsEveryFiveMinutes() {
        schedules().forEach((name, schedule) -> assertEquals("rate(5 minutes)", schedule.get("Schedule"), name));
        Map<String, Object> shardZero = schedules().get("EveryFiveMinutes");
        assertEquals(Set.of("Schedule", "Description"), shardZero.keySet(), "shard 0: the plain event, always on, as before shards");
    }

    /** Each schedule's event as the Java runtime hands it to the handler: its Input read by the runtime's serialization. */
    @Test
    void eachShardHasAScheduleWhoseEventNamesItAndRunsWhenThereAreThatManyShards() throws IOException {
        Map<String, Object> parameter = map(template.parameters().get("AlertShards"));
        assertEquals(1, parameter.get("Default"));
        assertEquals(1, parameter.get("MinValue"));
        int most = (Integer) parameter.get("MaxValue");
        assertEquals(most, schedules().size(), "one schedule for each shard AlertShards allows");
        assertTrue(most <= Shard.MAX_COUNT);
        for (int k = 1; k < most; k++) {
            Map<String, Object> schedule = schedules().get("Shard" + k + "EveryFiveMinutes");
            assertNotNull(schedule, "shard " + k);
            Path input = Files.writeString(Files.createTempFile("shard-" + k, ".json"), schedule.get("Input").toString());
            ScheduledEvent event = EventLoader.loadScheduledEvent(input.toString());
            Files.delete(input);
            assertEquals(Map.of("shard", k), event.getDetail());
            if (k == 1) assertEquals(Files.readString(Path.of("events/schedule-shard-1.json")).trim(), schedule.get("Input"),
                    "the sample event of `sam local invoke -e events/schedule-shard-1.json` is shard 1's");
            assertEquals("Scheduled Event", event.getDetailType());
            assertEquals("aws.events", event.getSource());
            for (int shards = 1; shards <= most; shards++) {
                List<?> state = (List<?>) map(schedule.get("State")).get("Fn::If");
                String expected = k < shards ? "ENABLED" : "DISABLED";
                assertEquals(expected, holds(state.get(0), shards) ? state.get(1) : state.get(2), "shard " + k + " of " + shards);
            }
        }
    }

    /** A condition of the template (or its name) evaluated for AlertShards = {@code shards}. */
    private boolean holds(Object condition, int shards) {
        if (condition instanceof String name) return holds(template.section("Conditions").get(name), shards);
        Map<String, Object> c = map(condition);
        if (c.containsKey("Condition")) return holds(template.section("Conditions").get(c.get("Condition").toString()), shards);
        if (c.containsKey("Fn::Not")) return !holds(((List<?>) c.get("Fn::Not")).get(0), shards);
        if (c.containsKey("Fn::And")) return ((List<?>) c.get("Fn::And")).stream().allMatch(x -> holds(x, shards));
        if (c.containsKey("Fn::Or")) return ((List<?>) c.get("Fn::Or")).stream().anyMatch(x -> holds(x, shards));
        List<?> equals = (List<?>) c.get("Fn::Equals");
        assertNotNull(equals, "not a condition this test knows: " + condition);
        return value(equals.get(0), shards).equals(value(equals.get(1), shards));
    }

    private static String value(Object operand, int shards) {
        Object ref = map(operand).get("Ref");
        assertTrue(ref == null || ref.equals("AlertShards"), "only AlertShards: " + operand);
        return ref == null ? operand.toString() : Integer.toString(shards);
    }

    @Test
    void theTableHasTheKeysAndTtlAttributeTheCodeCreatesAndUses() {
        Map<String, Object> table = template.properties("AlertsTable");
        String name = "template-" + System.nanoTime();
        try (DynamoDbClient client = LocalDynamo.client(new DynamoMetrics())) {
            TableSetup.createIfMissing(client, name, true); // the code's own definition, expiry on as deployed
            TableDescription created = client.describeTable(b -> b.tableName(name)).table();
            Set<String> codeKeys = created.keySchema().stream().map(k -> k.attributeName() + " " + k.keyTypeAsString())
                    .collect(Collectors.toSet());
            Set<String> templateKeys = ((List<?>) table.get("KeySchema")).stream()
                    .map(k -> map(k).get("AttributeName") + " " + map(k).get("KeyType")).collect(Collectors.toSet());
            assertEquals(codeKeys, templateKeys);
            Set<String> codeTypes = created.attributeDefinitions().stream()
                    .map(a -> a.attributeName() + " " + a.attributeTypeAsString()).collect(Collectors.toSet());
            Set<String> templateTypes = ((List<?>) table.get("AttributeDefinitions")).stream()
                    .map(a -> map(a).get("AttributeName") + " " + map(a).get("AttributeType")).collect(Collectors.toSet());
            assertEquals(codeTypes, templateTypes);
            String ttl = client.describeTimeToLive(b -> b.tableName(name)).timeToLiveDescription().attributeName();
            assertEquals(ttl, map(table.get("TimeToLiveSpecification")).get("AttributeName"));
            assertEquals(true, map(table.get("TimeToLiveSpecification")).get("Enabled"));
            assertEquals("PAY_PER_REQUEST", table.get("BillingMode"));
        }
    }

    /**
     * Checked on target/classes (maven-failsafe is not configured, so no test runs after the jar is built); the
     * shade plugin leaves out only dev/stockalerts/local/**, which the handlers are not in.
     */
    @Test
    void eachFunctionsHandlerClassAndMethodExist() throws Exception {
        for (String function : List.of(CRON, API)) {
            String[] handler = template.properties(function).get("Handler").toString().split("::");
            Class<?> type = Class.forName(handler[0]);
            assertTrue(RequestStreamHandler.class.isAssignableFrom(type), handler[0] + " takes the event's bytes");
            assertFalse(type.getName().startsWith("dev.stockalerts.local."), "local tooling is not in the jar");
            assertTrue(Set.of(type.getMethods()).stream().map(Method::getName).anyMatch(handler[1]::equals), handler[1]);
            assertNotNull(type.getConstructor(), "the runtime needs a public no-argument constructor");
        }
    }

    @Test
    void everyVariableTheCodeReadsIsDeclaredForTheFunctionThatReadsIt() {
        Set<String> read = variablesSettingsReads();
        for (String function : List.of(CRON, API)) {
            Set<String> expected = new TreeSet<>(read);
            // The plain secrets are for local runs: in AWS the values come from SSM, by parameter name.
            for (Secret secret : Secret.values()) expected.remove(secret.variable());
            expected.addAll(secretsOf(function).values());
            expected.add("AWS_ENDPOINT_URL_DYNAMODB"); // DynamoClients; declared so that sam local can set it
            Set<String> declared = template.environment(function).keySet();
            assertTrue(declared.containsAll(expected), function + " misses " + difference(expected, declared));
            Set<String> stray = difference(declared, expected);
            stray.remove("JAVA_TOOL_OPTIONS");
            assertEquals(Set.of(), stray, function + " declares variables nothing reads");
            for (Secret secret : Secret.values()) {
                assertFalse(declared.contains(secret.variable()), "no plain secret in " + function + "'s environment");
            }
        }
    }

    @Test
    void everyParameterDefaultIsTheDefaultSettingsApplies() {
        Settings defaults = Settings.from(Map.of("TABLE_NAME", "t"));
        for (String function : List.of(CRON, API)) {
            template.environment(function).forEach((variable, value) -> {
                if (NOT_SETTINGS.contains(variable) || variable.equals("TABLE_NAME")) return;
                String parameter = template.parameterRef(value);
                if (parameter == null) return; // a resource (the topic's ARN)
                Object fallback = map(template.parameters().get(parameter)).get("Default");
                assertNotNull(fallback, parameter + " needs a default: sam deploy --guided would make it a question");
                Settings withTemplateDefault = Settings.from(Map.of("TABLE_NAME", "t", variable, fallback.toString()));
                assertEquals(defaults, withTemplateDefault, parameter + "'s default '" + fallback + "' differs from Settings' for " + variable);
            });
        }
    }

    @Test
    void eachFunctionMayReadExactlyTheSsmParametersOfTheSecretsItUses() {
        for (String function : List.of(CRON, API)) {
            Set<String> granted = new TreeSet<>();
            for (Object policy : (List<?>) template.properties(function).get("Policies")) {
                for (Object statement : (List<?>) map(policy).getOrDefault("Statement", List.of())) {
                    List<?> ifBranches = (List<?>) map(statement).get("Fn::If");
                    Map<String, Object> body = ifBranches == null ? map(statement) : map(ifBranches.get(1));
                    assertFalse(body.toString().contains("kms:"), "the aws/ssm key needs no kms grant");
                    if (!body.toString().contains("ssm:")) continue;
                    assertEquals(Set.of("ssm:GetParameters", "ssm:GetParameter"), new HashSet<>((List<?>) body.get("Action")));
                    String arn = map(body.get("Resource")).get("Fn::Sub").toString();
                    assertTrue(arn.startsWith("arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter${"), arn);
                    granted.add(arn.substring(arn.lastIndexOf("${") + 2, arn.length() - 1));
                }
            }
            Set<String> used = secretsOf(function).values().stream()
                    .map(variable -> template.parameterRef(template.environment(function).get(variable)))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(used, granted, function);
        }
        assertEquals(Set.of(Secret.FINNHUB_API_KEY, Secret.ADMIN_WEBHOOK_URL, Secret.TELEGRAM_WEBHOOK_SECRET), App.API_SECRETS,
                "the API sends no alerts (the bot answers in the webhook's response): no Telegram token, no alert webhook");
    }

    @Test
    void theRunReportsMetricsAreWhatTheAlarmsWatch() {
        for (String alarm : template.resourcesOfType("AWS::CloudWatch::Alarm")) {
            Map<String, Object> props = template.properties(alarm);
            assertEquals(List.of(Map.of("Ref", "OperatorTopic")), props.get("AlarmActions"), alarm + " tells the operators");
            if (!RunMetrics.NAMESPACE.equals(props.get("Namespace"))) continue;
            assertTrue(RunMetrics.METRICS.containsKey(props.get("MetricName").toString()), alarm + ": " + props.get("MetricName"));
            Map<String, Object> dimension = map(((List<?>) props.get("Dimensions")).get(0));
            assertEquals(RunMetrics.DIMENSION, dimension.get("Name"));
            assertEquals(Map.of("Ref", CRON), dimension.get("Value"));
        }
        Map<String, Object> missed = template.properties("MissedRunsAlarm");
        assertEquals("breaching", missed.get("TreatMissingData"));
        assertEquals(900, (Integer) missed.get("Period") * (Integer) missed.get("EvaluationPeriods"), "15 minutes");
        assertEquals(Set.of("CronErrorsAlarm", "Api5xxAlarm", "DeliveryFailuresAlarm", "MissedRunsAlarm"),
                template.resourcesOfType("AWS::CloudWatch::Alarm"));
    }

    /** The router answers 500 itself (the invocation succeeds): only API Gateway's own count sees every 5xx. */
    @Test
    void every5xxACallerGetsIsAlarmedOnTheStageApiGatewayCounts() {
        Map<String, Object> alarm = template.properties("Api5xxAlarm");
        assertEquals("AWS/ApiGateway", alarm.get("Namespace"));
        assertEquals("5XXError", alarm.get("MetricName"));
        Map<String, Object> dimensions = new HashMap<>();
        for (Object d : (List<?>) alarm.get("Dimensions")) dimensions.put(map(d).get("Name").toString(), map(d).get("Value"));
        Map<String, Object> api = template.properties("StockApi");
        assertEquals(api.get("Name"), dimensions.get("ApiName"), "the API's own name");
        assertEquals(api.get("StageName"), dimensions.get("Stage"));
        assertEquals(1, alarm.get("Threshold"));
        String description = alarm.get("AlarmDescription").toString();
        for (String cause : List.of("500", "502/503", "503", "502/504")) assertTrue(description.contains(cause), description);
    }

    @Test
    void theKeylessQuoteRouteIsThrottledBelowTheStageAndEveryRequestIsLogged() {
        Map<String, Object> api = template.properties("StockApi");
        Map<String, Object> quote = ((List<?>) api.get("MethodSettings")).stream().map(SamTemplate::map)
                .filter(m -> "/~1stock~1{symbol}".equals(m.get("ResourcePath"))).findFirst().orElseThrow();
        assertEquals("GET", quote.get("HttpMethod"));
        int quoteRate = ((Number) map(template.parameters().get("QuoteRouteRateLimit")).get("Default")).intValue();
        int stageRate = ((Number) map(template.parameters().get("ApiStageRateLimit")).get("Default")).intValue();
        assertTrue(quoteRate < stageRate, quoteRate + " < " + stageRate);
        Map<String, Object> access = map(api.get("AccessLogSetting"));
        assertEquals(Map.of("Fn::GetAtt", List.of("ApiAccessLogGroup", "Arn")), access.get("DestinationArn"));
        assertTrue(access.get("Format").toString().contains("$context.requestId"), "API Gateway requires the request id");
        assertFalse(access.get("Format").toString().contains("apiKey\""), "the key's id, never the key");
        assertEquals(Map.of("Ref", "LogRetentionInDays"), template.properties("ApiAccessLogGroup").get("RetentionInDays"));
    }

    @Test
    void aFailedRunIsNotRetriedButQueuedAndALateOneIsNotRunAtAll() {
        Map<String, Object> config = map(template.properties(CRON).get("EventInvokeConfig"));
        assertEquals(0, config.get("MaximumRetryAttempts"));
        assertEquals(300, config.get("MaximumEventAgeInSeconds"), "no older than one run's interval");
        Map<String, Object> onFailure = map(map(config.get("DestinationConfig")).get("OnFailure"));
        assertEquals("SQS", onFailure.get("Type"));
        assertEquals(Map.of("Fn::GetAtt", List.of("FailedRunsQueue", "Arn")), onFailure.get("Destination"));
    }

    @Test
    void deploysOnAnAccountWithTheDefaultConcurrencyQuota() {
        Object reserved = template.properties(CRON).get("ReservedConcurrentExecutions");
        List<?> ifThen = (List<?>) map(reserved).get("Fn::If");
        assertNotNull(ifThen, "no fixed reservation, only a conditional one: " + reserved);
        assertEquals(Map.of("Ref", "AWS::NoValue"), ifThen.get(2));
        assertEquals(0, map(template.parameters().get("CronReservedConcurrency")).get("Default"));
    }

    @Test
    void logsAreJsonInAGroupPerFunctionKeptThirtyDaysByDefault() {
        for (String function : List.of(CRON, API)) {
            Map<String, Object> logging = map(template.properties(function).get("LoggingConfig"));
            assertEquals("JSON", logging.get("LogFormat"), function);
            String group = map(logging.get("LogGroup")).get("Ref").toString();
            assertEquals("AWS::Logs::LogGroup", template.resource(group).get("Type"));
            assertEquals(Map.of("Ref", "LogRetentionInDays"), template.properties(group).get("RetentionInDays"));
        }
        assertEquals(30, map(template.parameters().get("LogRetentionInDays")).get("Default"));
    }

    @Test
    void theTableOutlivesTheStackWithPointInTimeRecoveryOnByDefault() {
        assertEquals("Retain", template.resource("AlertsTable").get("DeletionPolicy"));
        assertEquals("Retain", template.resource("AlertsTable").get("UpdateReplacePolicy"));
        assertEquals("true", map(template.parameters().get("PointInTimeRecovery")).get("Default"));
        assertNotNull(map(template.properties("AlertsTable").get("PointInTimeRecoverySpecification")).get("PointInTimeRecoveryEnabled"));
    }

    @Test
    void theApiHasOneThrottledStageAndItsFunctionStartsFromASnapStartSnapshot() {
        assertNotNull(map(template.section("Globals").get("Api")).get("OpenApiVersion"), "no implicit Stage stage");
        assertFalse(((List<?>) template.properties("StockApi").get("MethodSettings")).isEmpty(), "the stage throttle");
        Map<String, Object> api = template.properties(API);
        assertNotNull(api.get("AutoPublishAlias"), "events invoke the alias, so a published version");
        assertEquals("PublishedVersions", map(api.get("SnapStart")).get("ApplyOn"));
    }

    @Test
    void envJsonSetsOnlyVariablesTheTemplateDeclaresForEachFunction() throws IOException {
        Map<String, Map<String, String>> env = new ObjectMapper().readValue(Path.of("env.json").toFile(),
                new com.fasterxml.jackson.core.type.TypeReference<>() {});
        assertEquals(Set.of(CRON, API), env.keySet());
        env.forEach((function, vars) -> {
            Set<String> declared = template.environment(function).keySet();
            assertTrue(declared.containsAll(vars.keySet()), function + ": SAM ignores " + difference(vars.keySet(), declared));
            assertEquals("stock-alerts-local", vars.get("TABLE_NAME"), "sam local resolves !Ref AlertsTable to its logical id");
            assertEquals("http://host.docker.internal:8000", vars.get("AWS_ENDPOINT_URL_DYNAMODB"));
        });
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }
}
