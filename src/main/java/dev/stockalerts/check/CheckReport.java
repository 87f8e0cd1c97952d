package dev.stockalerts.check;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.stockalerts.state.CacheStats;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What one scheduled run did and what it cost; returned by the function as JSON. */
public record CheckReport(
        Instant time,
        int alertsChecked,
        int alertsFired,
        int notificationsSent,
        int deliveryFailures,
        int symbols,
        int quotesFetched,
        List<String> symbolsUnavailable,
        int dynamoCalls,
        double readCapacityUnits,
        double writeCapacityUnits,
        Map<String, Long> dynamoCallsByOperation,
        CacheStats cache,
        long durationMs) {

    /** In the JSON report too: the one figure that is billed. */
    @JsonProperty
    public double consumedCapacityUnits() {
        return readCapacityUnits + writeCapacityUnits;
    }
}
