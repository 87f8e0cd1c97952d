package dev.stockalerts.local;

import dev.stockalerts.testing.LocalDynamo;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

class ServeBannerTest {
    @Test
    void namesTheUrlTableProvidersScheduleAndRequestsToPaste() {
        ScaledClock clock = new ScaledClock(new SimulatedClock(Instant.parse("2026-11-23T14:00:00Z")), 300);
        String table = LocalDynamo.newTable();
        try (LocalService service = new LocalService(Map.of("TABLE_NAME", table), (metrics, deadlines) -> LocalDynamo.client(metrics, deadlines), clock, 0, null, line -> {})) {
            String url = service.baseUri().toString();
            String banner = String.join("\n", ServeBanner.lines(service, "embedded DynamoDB Local at http://127.0.0.1:1", clock, 300));
            for (String expected : List.of(
                    "serving at " + url,
                    "no API key here",
                    table + " on embedded DynamoDB Local at http://127.0.0.1:1",
                    "simulated market", "AAPL MSFT",
                    "every 5 min of service time = every 1 s real (--speed 300)",
                    "curl -s " + url + "/stock/AAPL",
                    "curl -s -X POST " + url + "/alerts",
                    "curl -s " + url + "/alerts\n",
                    "Ctrl-C")) {
                assertTrue(banner.contains(expected), "missing '" + expected + "' in\n" + banner);
            }
        }
    }
}
