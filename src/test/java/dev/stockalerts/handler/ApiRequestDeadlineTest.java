package dev.stockalerts.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.stockalerts.testing.ApiEvents;
import dev.stockalerts.testing.CronHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The API's quote lookups are bounded by the invocation's remaining time, not only by each request's own timeout:
 * a provider slower than the invocation is answered as unavailable inside it, never by Lambda's timeout.
 */
class ApiRequestDeadlineTest {
    /** The quote provider answers after this; each of its requests may take far longer (HTTP_TIMEOUT below). */
    private static final Duration SLOW = Duration.ofSeconds(5);
    private static final Duration INVOCATION = Duration.ofMillis(1500);

    private final CronHarness env = new CronHarness().env("HTTP_TIMEOUT", "PT20S");
    private final StockApiFunction function;

    ApiRequestDeadlineTest() {
        env.market.list("AAPL", 190);
        env.yahoo.answerAfter(SLOW);
        function = env.api().handler();
    }

    @AfterEach
    void close() {
        env.close();
    }

    private APIGatewayProxyResponseEvent call(String method, String path, String body) {
        return ApiEvents.invoke(function, ApiEvents.request(method, path, body), new InvocationContext(INVOCATION));
    }

    @Test
    void aQuoteFromAProviderSlowerThanTheInvocationIsA503WithRetryAfter() {
        APIGatewayProxyResponseEvent response = call("GET", "/stock/AAPL", null);
        assertEquals(503, response.getStatusCode(), response.getBody());
        assertNotNull(response.getHeaders().get("Retry-After"));
    }

    @Test
    void aCreateWhoseSymbolCheckMeetsASlowProviderIsStoredUnverifiedInsideTheInvocation() {
        APIGatewayProxyResponseEvent response = call("POST", "/alerts", "{\"symbol\":\"AAPL\",\"condition\":\"ABOVE\",\"level\":200}");
        assertEquals(201, response.getStatusCode(), response.getBody());
    }
}
