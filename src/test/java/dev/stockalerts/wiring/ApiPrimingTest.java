package dev.stockalerts.wiring;

import dev.stockalerts.handler.StockApiFunction;
import dev.stockalerts.testing.CronHarness;
import dev.stockalerts.wiring.ApiPriming;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiPrimingTest {

    @Test
    void primingRunsTheQuoteTheDynamoListTheValidationAndTheNotFoundPaths() {
        // 200 quote JSON, 200 list parsed from DynamoDB's wire format, 400 every field error, 404 unknown route
        assertEquals(List.of(200, 200, 400, 404), new ApiPriming(StockApiFunction::new, line -> {}).prime());
    }

    @Test
    void theCheckpointHookSaysWhatItDidOnOneLine() {
        List<String> log = new ArrayList<>();
        new ApiPriming(StockApiFunction::new, log::add).beforeCheckpoint(null);
        assertEquals(1, log.size());
        assertTrue(log.get(0).startsWith("[Priming] answered [200, 200, 400, 404] in "), log.get(0));
    }

    @Test
    void primingLeavesTheContainersOwnComponentsUntouched() {
        try (CronHarness env = new CronHarness()) {
            CronHarness.ApiContainer api = env.api();
            new ApiPriming(StockApiFunction::new, line -> {}).beforeCheckpoint(null);
            assertEquals(0, api.metrics().snapshot().calls(), "no call through the container's DynamoDB client");
            assertEquals(0, env.yahoo.requests(), "no quote fetched from a real provider");
            assertEquals(200, api.call("GET", "/alerts", null).getStatusCode());
        }
    }
}
