package dev.stockalerts.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockalerts.alert.Alert;
import dev.stockalerts.providers.ProviderTraffic;
import dev.stockalerts.providers.QuoteProviders;
import dev.stockalerts.providers.YahooProvider;
import dev.stockalerts.quote.QuoteOutcome;
import dev.stockalerts.testing.LoopbackHttpServer;
import dev.stockalerts.time.Deadline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulated feed answers the real Yahoo provider in both spark shapes, as Yahoo does. */
class YahooFeedServerTest {
    private static final Instant T0 = Instant.parse("2026-11-23T14:00:00Z");

    private final SimulatedClock clock = new SimulatedClock(T0);
    private final SimulatedMarket market = new SimulatedMarket(clock, 1, 0);
    private final YahooFeedServer feed = new YahooFeedServer(market);
    private final ProviderTraffic traffic = new ProviderTraffic(QuoteProviders.http(), 8);

    @AfterEach
    void stop() {
        feed.close();
    }

    private Map<String, QuoteOutcome> quotes(String sparkPath, String... symbols) {
        YahooProvider yahoo = new YahooProvider(traffic, feed.baseUri(), Duration.ofSeconds(2), sparkPath, 20, 100);
        return yahoo.quotes(new LinkedHashSet<>(List.of(symbols)), Deadline.none());
    }

    @Test
    void v7SparkCarriesTheDayRangeTheMarketTracked() {
        market.list("AAPL", 200);
        market.set("AAPL", 210);
        market.set("AAPL", 195.5);
        market.list("MSFT", 400);

        Map<String, QuoteOutcome> outcomes = quotes(YahooProvider.SPARK_V7, "AAPL", "MSFT", "NOPE");

        assertEquals(195.5, outcomes.get("AAPL").quote().price());
        assertEquals(210.0, outcomes.get("AAPL").quote().dayHigh());
        assertEquals(195.5, outcomes.get("AAPL").quote().dayLow());
        assertEquals(LocalDate.parse("2026-11-23"), outcomes.get("AAPL").quote().tradingDay());
        assertEquals(400.0, outcomes.get("MSFT").quote().price());
        assertTrue(outcomes.get("NOPE").isUnknown(), "left out of spark, then not found by the chart");
        assertEquals(1, feed.requests(YahooFeedServer.SPARK_V7));
        assertEquals(1, feed.requests(YahooFeedServer.CHART));
    }

    @Test
    void v8SparkCarriesPricesOnly() {
        market.list("AAPL", 200);
        market.list("MSFT", 400);

        Map<String, QuoteOutcome> outcomes = quotes(YahooProvider.SPARK_V8, "AAPL", "MSFT");

        assertEquals(200.0, outcomes.get("AAPL").quote().price());
        assertEquals(200.0, outcomes.get("AAPL").quote().previousClose());
        assertEquals(null, outcomes.get("AAPL").quote().dayHigh());
        assertEquals(1, feed.requests(YahooFeedServer.SPARK_V8));
    }

    @Test
    void moreThanTwentySymbolsARequestAreRefusedAsYahooDoes() throws Exception {
        String symbols = String.join(",", AlertSeeder.symbols(21));
        HttpResponse<String> response = LoopbackHttpServer.CLIENT.send(HttpRequest.newBuilder(
                URI.create(feed.baseUri() + "/v7/finance/spark?symbols=" + symbols + "&range=1d&interval=5m")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode());
        JsonNode error = new ObjectMapper().readTree(response.body()).path("spark").path("error");
        assertEquals("Bad Request", error.path("code").asText());
    }

    @Test
    void theDayRangeRollsOverWithThePreviousClose() {
        SimulatedMarket walking = new SimulatedMarket(clock, 3);
        walking.list("AAPL", 200);
        clock.advance(Duration.ofHours(12));
        SimulatedMarket.Price late = walking.price("AAPL");
        assertTrue(late.dayLow() <= late.price() && late.price() <= late.dayHigh(), late.toString());

        clock.advance(Duration.ofHours(12)); // past midnight UTC
        SimulatedMarket.Price next = walking.price("AAPL");
        assertTrue(next.dayLow() <= next.price() && next.price() <= next.dayHigh(), next.toString());
        assertTrue(next.dayLow() <= next.previousClose() && next.previousClose() <= next.dayHigh(), "the day opens at the previous close");
    }

    @Test
    void seededSymbolsStartWithTheTwentyRealTickersAndAreDistinctAndValid() {
        List<String> symbols = AlertSeeder.symbols(2_000);
        assertEquals(AlertSeeder.SYMBOLS, symbols.subList(0, 20));
        assertEquals(2_000, Set.copyOf(symbols).size());
        assertTrue(symbols.stream().allMatch(s -> Alert.SYMBOL.matcher(s).matches()));
        assertEquals(AlertSeeder.SYMBOLS.subList(0, 5), AlertSeeder.symbols(5));
    }
}
