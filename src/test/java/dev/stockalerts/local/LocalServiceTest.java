package dev.stockalerts.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockalerts.testing.ApiEvents;
import dev.stockalerts.testing.LocalDynamo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `serve` end to end over real loopback HTTP: the API function and the scheduled function on one DynamoDB Local
 * table, with the simulated market and the printing webhook receiver it starts when nothing is configured.
 */
class LocalServiceTest {
    private static final Instant T0 = Instant.parse("2026-11-23T14:00:00Z");

    private final SimulatedClock clock = new SimulatedClock(T0);
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : toClose) c.close();
    }

    private LocalService start(Map<String, String> environment, int port, Duration tickEvery) {
        Map<String, String> env = new HashMap<>(environment);
        env.putIfAbsent("TABLE_NAME", LocalDynamo.newTable());
        LocalService service = new LocalService(env, (metrics, deadlines) -> LocalDynamo.client(metrics, deadlines), clock, port, tickEvery, out::add);
        toClose.add(service);
        return service;
    }

    private HttpResponse<String> call(LocalService service, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUri() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) request.header("Content-Type", "application/json");
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<String> lines(String prefix) {
        return out.stream().filter(l -> l.startsWith(prefix)).toList();
    }

    private int runs() {
        return (int) lines("[Cron]").stream().filter(l -> l.contains(" checked ")).count();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(10);
        }
    }

    @Test
    void alertCreatedThroughTheApiFiresOnTheNextScheduledRunAndCanBeDeleted() throws Exception {
        LocalService service = start(Map.of(), 0, null);
        assertTrue(service.localWebhook());

        HttpResponse<String> quote = call(service, "GET", "/stock/AAPL", null);
        assertEquals(200, quote.statusCode(), quote.body());
        JsonNode aapl = ApiEvents.json(quote.body());
        double price = aapl.get("price").asDouble();
        assertEquals("AAPL", aapl.get("symbol").asText());
        assertEquals(service.market().price("AAPL").price(), price, 1e-9, "the simulated market's price");
        assertEquals(400, call(service, "GET", "/stock/!!!", null).statusCode());

        String level = String.format(Locale.ROOT, "%.2f", price - 0.01);
        HttpResponse<String> created = call(service, "POST", "/alerts",
                "{\"symbol\":\"AAPL\",\"condition\":\"ABOVE\",\"level\":" + level + "}");
        assertEquals(201, created.statusCode(), created.body());
        String id = ApiEvents.json(created.body()).get("id").asText();
        assertEquals("/alerts/" + id, created.headers().firstValue("Location").orElseThrow());

        HttpResponse<String> list = call(service, "GET", "/alerts", null);
        assertEquals(200, list.statusCode());
        assertEquals(id, ApiEvents.json(list.body()).get("alerts").get(0).get("id").asText());
        assertEquals(200, call(service, "GET", "/alerts/" + id, null).statusCode(), "{id} captured from the path");

        Map<String, Object> report = service.ticker().tickNow();
        assertEquals(1, report.get("alertsChecked"));
        assertEquals(1, report.get("alertsFired"));
        await(() -> !lines("[Notify]").isEmpty(), "the webhook notification");
        List<String> notified = lines("[Notify]");
        assertEquals(1, notified.size(), out.toString());
        assertTrue(notified.get(0).contains("\"alertId\":\"" + id + "\""), notified.get(0));
        assertTrue(lines("[Cron]").get(0).matches("\\[Cron] 2026-11-23T14:00:00Z checked 1 alerts, fired 1, \\d+ DynamoDB calls, .* CU, \\d+ ms"),
                lines("[Cron]").toString());

        assertEquals(204, call(service, "DELETE", "/alerts/" + id, null).statusCode());
        assertEquals(404, call(service, "GET", "/alerts/" + id, null).statusCode());
    }

    @Test
    void theRoutersOwnAnswersForUnknownPathsAndMethodsPassThrough() throws Exception {
        LocalService service = start(Map.of(), 0, null);
        assertEquals(404, call(service, "GET", "/nowhere", null).statusCode());
        HttpResponse<String> wrongMethod = call(service, "PUT", "/alerts", "{}");
        assertEquals(405, wrongMethod.statusCode());
        assertEquals("GET, POST", wrongMethod.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void stopReleasesThePort() throws Exception {
        LocalService first = start(Map.of(), 0, null);
        int port = first.port();
        assertEquals(200, call(first, "GET", "/stock/MSFT", null).statusCode());
        first.close();

        LocalService second = start(Map.of(), port, null);
        assertEquals(port, second.port());
        assertEquals(200, call(second, "GET", "/stock/MSFT", null).statusCode());
    }

    @Test
    void scheduledRunsComeOnTheirOwnAndStopWithTheService() throws Exception {
        LocalService service = start(Map.of(), 0, Duration.ofMillis(20));
        await(() -> runs() >= 2, "two scheduled runs");
        service.close();
        int runs = runs();
        Thread.sleep(60);
        assertEquals(runs, runs(), "no run after stop");
    }

    @Test
    void aConfiguredProviderAndWebhookAreUsedInsteadOfTheStandIns() throws Exception {
        SimulatedMarket market = new SimulatedMarket(clock, 1, 0);
        market.list("XYZ", 100);
        YahooFeedServer yahoo = new YahooFeedServer(market);
        WebhookReceiver webhook = new WebhookReceiver(body -> {});
        toClose.add(yahoo);
        toClose.add(webhook);
        LocalService service = start(Map.of(
                "QUOTE_PROVIDERS", "yahoo",
                "YAHOO_BASE_URL", yahoo.baseUri().toString(),
                "ALERT_WEBHOOK_URL", webhook.baseUri() + "/hook",
                "MARKET_CALENDAR", "ALWAYS"), 0, null); // real providers default to NYSE hours; this test runs at any hour
        assertNull(service.market());
        assertFalse(service.localWebhook());
        assertEquals(webhook.baseUri() + "/hook", service.settings().alertWebhookUrl().toString());

        assertEquals(200, call(service, "GET", "/stock/XYZ", null).statusCode());
        assertEquals(404, call(service, "GET", "/stock/AAPL", null).statusCode(), "no simulated market behind it");
        assertEquals(201, call(service, "POST", "/alerts", "{\"symbol\":\"XYZ\",\"condition\":\"BELOW\",\"level\":101}").statusCode());
        service.ticker().tickNow();
        assertEquals(1, webhook.bodies().size());
        assertTrue(lines("[Notify]").isEmpty(), "the configured webhook got it, not the local one");
    }

    @Test
    void quoteProvidersAloneSelectsTheRealProvidersAsSimulateDoes() {
        LocalService service = start(Map.of("QUOTE_PROVIDERS", "stooq"), 0, null);
        assertNull(service.market(), "no simulated market once a provider is named");
        assertEquals("stooq", service.settings().quoteProviders());
    }

    @Test
    void withShardsEachTickRunsEveryShardsScheduleAndEachAlertIsCheckedOnce() throws Exception {
        LocalService service = start(Map.of("ALERT_SHARDS", "3"), 0, null);
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> created = call(service, "POST", "/alerts", "{\"symbol\":\"AAPL\",\"condition\":\"ABOVE\",\"level\":1}");
            assertEquals(201, created.statusCode(), created.body());
        }
        service.ticker().tickNow();
        List<String> runs = lines("[Cron]");
        assertEquals(3, runs.size(), runs.toString());
        int checked = 0;
        for (int shard = 0; shard < 3; shard++) {
            assertTrue(runs.get(shard).startsWith("[Cron] shard " + shard + ": "), runs.get(shard));
            checked += Integer.parseInt(runs.get(shard).replaceAll(".* checked (\\d+) alerts.*", "$1"));
        }
        assertEquals(6, checked);
    }
}
