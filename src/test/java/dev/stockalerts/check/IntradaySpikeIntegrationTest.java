package dev.stockalerts.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.Condition;
import dev.stockalerts.alert.RearmPolicy;
import dev.stockalerts.testing.CronHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A spike between two scheduled runs, seen in the day's high that Yahoo reports, fires and says so. */
class IntradaySpikeIntegrationTest {
    private final CronHarness harness = new CronHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void aHighThatTouchedTheLevelBetweenRunsFiresAtThatHighWithTheTouchInTheNotification() throws Exception {
        harness.putAlert(new Alert("a1", "AAPL", Condition.ABOVE, 200, RearmPolicy.once(), List.of("webhook"),
                CronHarness.T0.minusSeconds(60)));
        harness.market.set("AAPL", 195);
        CronHarness.Container cron = harness.container();
        cron.run(); // sees the day's range so far

        harness.clock.advance(Duration.ofMinutes(2));
        harness.market.set("AAPL", 201.25); // the spike no run sees
        harness.clock.advance(Duration.ofMinutes(2));
        harness.market.set("AAPL", 196);
        harness.clock.advance(Duration.ofMinutes(1));

        assertEquals(1, cron.run().get("alertsFired"));
        JsonNode body = new ObjectMapper().readTree(harness.webhook.bodies().get(0));
        assertEquals("DAY_HIGH", body.get("trigger").asText());
        assertEquals(201.25, body.get("price").asDouble());
    }

    @Test
    void aSpikeBeforeTheAlertWasCreatedDoesNotFireIt() {
        harness.market.set("AAPL", 195);
        CronHarness.Container cron = harness.container();
        harness.putAlert(new Alert("other", "AAPL", Condition.BELOW, 10, RearmPolicy.once(), List.of("webhook"),
                CronHarness.T0.minusSeconds(60)));
        cron.run();
        harness.clock.advance(Duration.ofMinutes(2));
        harness.market.set("AAPL", 201.25);
        harness.market.set("AAPL", 196);
        harness.clock.advance(Duration.ofMinutes(1));
        harness.putAlert(new Alert("late", "AAPL", Condition.ABOVE, 200, RearmPolicy.once(), List.of("webhook"),
                harness.clock.instant()));
        harness.bumpRevision();
        harness.clock.advance(Duration.ofMinutes(2));

        assertEquals(0, cron.run().get("alertsFired"));
    }
}
