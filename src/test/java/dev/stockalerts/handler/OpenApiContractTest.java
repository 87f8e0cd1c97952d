package dev.stockalerts.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.Condition;
import dev.stockalerts.alert.RearmPolicy;
import dev.stockalerts.api.AlertEndpoints;
import dev.stockalerts.api.HistoryEndpoint;
import dev.stockalerts.api.PageTokens;
import dev.stockalerts.api.QuoteEndpoint;
import dev.stockalerts.api.StockApiRoutes;
import dev.stockalerts.api.TelegramWebhookEndpoint;
import dev.stockalerts.config.Settings;
import dev.stockalerts.dynamo.Backoff;
import dev.stockalerts.dynamo.DynamoAlertRepository;
import dev.stockalerts.dynamo.DynamoFiringHistory;
import dev.stockalerts.dynamo.DynamoMetrics;
import dev.stockalerts.dynamo.DynamoPageTokenKey;
import dev.stockalerts.dynamo.DynamoStateStore;
import dev.stockalerts.manage.AlertDefinitions;
import dev.stockalerts.manage.AlertReferences;
import dev.stockalerts.testing.ApiEvents;
import dev.stockalerts.testing.CronHarness;
import dev.stockalerts.testing.LocalDynamo;
import dev.stockalerts.time.DeadlineContext;
import dev.stockalerts.wiring.Outbound;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/openapi.yaml against what is deployed and what runs: the same routes as template.yaml's Api events and the
 * router's table, the API key on every route but the quote, and its JSON Schemas (2020-12, read by a validator from
 * Maven Central) holding for the sample events' bodies and for what the handler really answers.
 */
class OpenApiContractTest {
    private static final String BASE = "https://stock-alerts.invalid/openapi.json";
    private static final JsonNode SPEC = yaml(Path.of("docs", "openapi.yaml"));
    private static final JsonNode TEMPLATE = yaml(Path.of("template.yaml"));
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDialect(Dialects.getOpenApi31(),
            b -> b.schemas(Map.of(BASE, SPEC.toString())));
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    private static JsonNode yaml(Path file) {
        try {
            return new YAMLMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> specRoutes() {
        Set<String> routes = new TreeSet<>();
        SPEC.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (METHODS.contains(method)) routes.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
        }));
        return routes;
    }

    private static Map<String, JsonNode> templateEvents() {
        Map<String, JsonNode> events = new java.util.TreeMap<>();
        TEMPLATE.at("/Resources/StockApiFunction/Properties/Events").fields().forEachRemaining(event -> {
            if ("Api".equals(event.getValue().get("Type").asText())) {
                JsonNode properties = event.getValue().get("Properties");
                events.put(properties.get("Method").asText().toUpperCase(Locale.ROOT) + " " + properties.get("Path").asText(), properties);
            }
        });
        return events;
    }

    @Test
    void theSpecDescribesExactlyTheRoutesTemplateYamlDeploys() {
        assertEquals(templateEvents().keySet(), specRoutes());
    }

    @Test
    void theSpecDescribesExactlyTheRoutesOfTheRouter() {
        try (CronHarness env = new CronHarness(); DynamoDbClient client = LocalDynamo.client(new DynamoMetrics())) {
            Settings settings = env.settings();
            Outbound outbound = Outbound.fromSettings(settings, env.clock, new DeadlineContext(), null, env.log::add);
            AlertDefinitions definitions = new AlertDefinitions(new DynamoAlertRepository(client, env.table), settings.maxAlerts(), env.log::add);
            PageTokens tokens = new PageTokens(new DynamoPageTokenKey(client, env.table), env.clock);
            AlertEndpoints alerts = new AlertEndpoints(definitions,
                    new DynamoStateStore(client, env.table, Backoff.standard(), env.log::add),
                    new AlertReferences(outbound.notifier().channelNames(), outbound.quotes()),
                    tokens, env.clock);
            HistoryEndpoint history = new HistoryEndpoint(definitions,
                    new DynamoFiringHistory(client, env.table, settings.historyTtl(), Backoff.standard(), env.log::add), tokens);
            Set<String> routes = new TreeSet<>();
            TelegramWebhookEndpoint telegram = new TelegramWebhookEndpoint(null, null, Set.of(), env.log::add); // routes only
            StockApiRoutes.routes(new QuoteEndpoint(outbound.quotes(), settings.quoteCacheTtl()), alerts, history, telegram, env.log::add)
                    .forEach(route -> routes.add(route.method() + " " + route.template()));
            assertEquals(specRoutes(), routes);
        }
    }

    @Test
    void everyRouteButTheQuoteNeedsTheApiKeyInBoth() {
        assertEquals("x-api-key", SPEC.at("/components/securitySchemes/ApiKey/name").asText());
        assertEquals("header", SPEC.at("/components/securitySchemes/ApiKey/in").asText());
        assertTrue(SPEC.at("/security/0").has("ApiKey"), "the API key is the default");
        assertTrue(TEMPLATE.at("/Resources/StockApi/Properties/Auth/ApiKeyRequired").asBoolean(), "and in the template");
        Set<String> keyless = new TreeSet<>();
        for (String route : specRoutes()) {
            String[] parts = route.split(" ");
            JsonNode security = operation(parts[0], parts[1]).get("security");
            if (security != null && security.isEmpty()) keyless.add(route);
        }
        assertEquals(Set.of("GET /stock/{symbol}", "POST /telegram/webhook"), keyless);
        Set<String> keylessInTemplate = new TreeSet<>();
        templateEvents().forEach((route, properties) -> {
            if (properties.at("/Auth/ApiKeyRequired").isBoolean() && !properties.at("/Auth/ApiKeyRequired").asBoolean()) {
                keylessInTemplate.add(route);
            }
        });
        assertEquals(keyless, keylessInTemplate);
    }

    @Test
    void theSampleEventsBodiesAreValidRequests() {
        int checked = 0;
        for (String sample : SampleApiEventsTest.EXPECTED.keySet()) {
            APIGatewayProxyRequestEvent event = ApiEvents.load(Path.of("events", sample));
            assertTrue(specRoutes().contains(event.getHttpMethod() + " " + event.getResource()), sample + " is a described route");
            if (event.getBody() == null) continue;
            String body = Boolean.TRUE.equals(event.getIsBase64Encoded())
                    ? new String(Base64.getDecoder().decode(event.getBody()), StandardCharsets.UTF_8) : event.getBody();
            JsonNode content = operation(event.getHttpMethod(), event.getResource()).at("/requestBody/content");
            String mediaType = content.has("application/json") ? "application/json" : content.fieldNames().next();
            assertValid(pointer(event.getHttpMethod(), event.getResource()) + "/requestBody/content/" + escape(mediaType) + "/schema",
                    ApiEvents.json(body), sample);
            checked++;
        }
        assertEquals(3, checked, "create, edit and the Telegram update carry bodies");
    }

    @Test
    void whatTheHandlerAnswersMatchesTheDescribedResponse() {
        try (CronHarness env = SampleApiEventsTest.withTelegramBot(new CronHarness().env("MAX_ALERTS", "2"))) {
            env.market.list("AAPL", 190);
            env.putAlert(new Alert(SampleApiEventsTest.SAMPLE_ALERT, "AAPL", Condition.BELOW, 150, RearmPolicy.once(),
                    List.of("webhook"), CronHarness.T0));
            CronHarness.ApiContainer api = env.api();
            List<APIGatewayProxyRequestEvent> calls = new ArrayList<>();
            SampleApiEventsTest.EXPECTED.keySet().forEach(sample -> calls.add(ApiEvents.load(Path.of("events", sample))));
            String valid = "{\"symbol\":\"AAPL\",\"condition\":\"ABOVE\",\"level\":200}";
            calls.add(routed("GET", "/stock/{symbol}", "/stock/" + URLEncoder.encode("NO PE", StandardCharsets.UTF_8), null));
            calls.add(routed("GET", "/stock/{symbol}", "/stock/NOPE", null));
            calls.add(routed("POST", "/alerts", "/alerts", valid));
            calls.add(routed("POST", "/alerts", "/alerts", valid));
            calls.add(routed("POST", "/alerts", "/alerts", "{\"level\":1e200,\"colour\":1}"));
            calls.add(routed("POST", "/alerts", "/alerts", "[1]"));
            calls.add(routed("POST", "/alerts", "/alerts", "{\"note\":\"" + "x".repeat(70_000) + "\"}"));
            calls.add(routed("GET", "/alerts", "/alerts", null).withQueryStringParameters(Map.of("limit", "0", "next", "x")));
            calls.add(routed("GET", "/alerts/{id}", "/alerts/nope", null));
            calls.add(routed("PATCH", "/alerts/{id}", "/alerts/nope", "{\"level\":1}"));
            calls.add(routed("PATCH", "/alerts/{id}", "/alerts/" + SampleApiEventsTest.SAMPLE_ALERT, "{\"level\":-1}"));
            calls.add(routed("POST", "/alerts/{id}/rearm", "/alerts/nope/rearm", null));
            calls.add(routed("DELETE", "/alerts/{id}", "/alerts/nope", null));
            calls.add(routed("POST", "/telegram/webhook", "/telegram/webhook", "{\"update_id\":1}"));
            calls.add(routed("POST", "/telegram/webhook", "/telegram/webhook", "{\"update_id\":2}")
                    .withHeaders(Map.of("X-Telegram-Bot-Api-Secret-Token", SampleApiEventsTest.SAMPLE_SECRET)));

            Set<String> seen = new TreeSet<>();
            for (APIGatewayProxyRequestEvent call : calls) {
                APIGatewayProxyResponseEvent response = api.call(call);
                String what = call.getHttpMethod() + " " + call.getPath() + " -> " + response.getStatusCode();
                JsonNode described = operation(call.getHttpMethod(), call.getResource()).at("/responses/" + response.getStatusCode());
                assertFalse(described.isMissingNode(), what + " is not described: " + response.getBody());
                String at = pointer(call.getHttpMethod(), call.getResource()) + "/responses/" + response.getStatusCode();
                if (described.has("$ref")) {
                    at = described.get("$ref").asText().substring(1);
                    described = SPEC.at(at);
                }
                if (described.has("content")) {
                    assertValid(at + "/content/application~1json/schema", ApiEvents.json(response.getBody()), what);
                } else {
                    assertNull(response.getBody(), what);
                }
                seen.add(response.getStatusCode().toString());
            }
            assertEquals(Set.of("200", "201", "202", "204", "400", "401", "404", "409", "413"), seen);
        }
    }

    private static APIGatewayProxyRequestEvent routed(String method, String resource, String path, String body) {
        return ApiEvents.request(method, path, body).withResource(resource).withPathParameters(pathParameters(resource, path));
    }

    private static Map<String, String> pathParameters(String resource, String path) {
        String[] template = resource.split("/");
        String[] actual = path.split("/");
        Map<String, String> parameters = new java.util.HashMap<>();
        for (int i = 0; i < template.length; i++) {
            if (template[i].startsWith("{")) {
                parameters.put(template[i].substring(1, template[i].length() - 1),
                        java.net.URLDecoder.decode(actual[i], StandardCharsets.UTF_8));
            }
        }
        return parameters.isEmpty() ? null : parameters;
    }

    private static JsonNode operation(String method, String path) {
        return SPEC.at(pointer(method, path));
    }

    private static String pointer(String method, String path) {
        return "/paths/" + escape(path) + "/" + method.toLowerCase(Locale.ROOT);
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static void assertValid(String schemaPointer, JsonNode instance, String what) {
        String fragment = schemaPointer.replace("{", "%7B").replace("}", "%7D");
        Schema schema = SCHEMAS.getSchema(SchemaLocation.of(BASE + "#" + fragment));
        List<Error> errors = schema.validate(instance);
        assertEquals(List.of(), errors.stream().map(Error::toString).toList(), what + ": " + instance);
    }
}
