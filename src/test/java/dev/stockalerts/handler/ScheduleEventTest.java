package dev.stockalerts.handler;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.Condition;
import dev.stockalerts.alert.RearmPolicy;
import dev.stockalerts.testing.ApiEvents;
import dev.stockalerts.testing.CronHarness;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** events/schedule.json, the event `sam local invoke AlertsCronFunction -e` sends, read as the runtime reads it. */
class ScheduleEventTest {

    @Test
    void theSampleScheduleEventRunsACheckAndTheReportComesBackAsJson() throws IOException {
        ScheduledEvent event = EventLoader.loadScheduledEvent("events/schedule.json");
        assertEquals("aws.events", event.getSource(), "a schedule event as the runtime's own serialization reads it");
        assertEquals("Scheduled Event", event.getDetailType());

        try (CronHarness harness = new CronHarness()) {
            harness.market.set("AAPL", 205);
            harness.putAlert(new Alert("a1", "AAPL", Condition.ABOVE, 200, RearmPolicy.once(), List.of("webhook"), CronHarness.T0));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            harness.container().handler().handleRequest(Files.newInputStream(Path.of("events/schedule.json")), out, null);
            JsonNode report = ApiEvents.json(out.toString(StandardCharsets.UTF_8));
            assertEquals(1, report.get("alertsChecked").asInt());
            assertEquals(1, report.get("alertsFired").asInt());
            assertEquals(1, harness.webhook.bodies().size());
        }
    }
}
