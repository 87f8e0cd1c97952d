package dev.stockalerts.handler;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.Condition;
import dev.stockalerts.alert.RearmPolicy;
import dev.stockalerts.testing.CronHarness;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** events/schedule.json, the event `sam local invoke AlertsCronFunction -e` sends, read as the runtime reads it. */
class ScheduleEventTest {

    @Test
    void theSampleScheduleEventRunsACheck() {
        ScheduledEvent event = EventLoader.loadScheduledEvent("events/schedule.json");
        assertEquals("aws.events", event.getSource());
        assertEquals("Scheduled Event", event.getDetailType());

        try (CronHarness harness = new CronHarness()) {
            harness.market.set("AAPL", 205);
            harness.putAlert(new Alert("a1", "AAPL", Condition.ABOVE, 200, RearmPolicy.once(), List.of("webhook"), CronHarness.T0));
            Map<String, Object> report = harness.container().handler().handleRequest(event, null);
            assertEquals(1, report.get("alertsChecked"));
            assertEquals(1, report.get("alertsFired"));
            assertEquals(1, harness.webhook.bodies().size());
        }
    }
}
