package dev.stockalerts.check;

import dev.stockalerts.state.CacheStats;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one scheduled run did and what it cost; returned by the function as JSON. Delivery figures count
 * channels of a firing: {@code notificationsSent} confirmed, {@code deliveryFailures} failed and retried
 * later, {@code deliveriesUnanswered} sent without an answer, {@code deliveriesNotAttempted} left for the
 * next run by the deadline, {@code deliveriesGivenUp} no longer tried, {@code deliveriesOwed} still owed.
 */
public record CheckReport(
        Instant time,
        int alertsChecked,
        int alertsFired,
        int notificationsSent,
        int deliveryFailures,
        int deliveriesUnanswered,
        int deliveriesNotAttempted,
        int deliveriesGivenUp,
        int deliveriesOwed,
        int symbols,
        int quotesFetched,
        List<String> symbolsUnavailable,
        int dynamoCalls,
        double readCapacityUnits,
        double writeCapacityUnits,
        Map<String, Long> dynamoCallsByOperation,
        CacheStats cache,
        long durationMs) {

    /** The one figure that is billed. */
    public double consumedCapacityUnits() {
        return readCapacityUnits + writeCapacityUnits;
    }
}
