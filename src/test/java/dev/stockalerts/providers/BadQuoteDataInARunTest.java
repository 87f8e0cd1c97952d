package dev.stockalerts.providers;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.Condition;
import dev.stockalerts.alert.RearmPolicy;
import dev.stockalerts.testing.CronHarness;
import dev.stockalerts.testing.LoopbackHttpServer.Response;
import dev.stockalerts.testing.LoopbackHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.stockalerts.providers.YahooFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A scheduled run through the real handler, Yahoo answering badly for some symbols: they cost only themselves. */
class BadQuoteDataInARunTest {
    private final LoopbackHttpServer yahoo = LoopbackHttpServer.start();
    private final LoopbackHttpServer stooq = LoopbackHttpServer.start();
    private final CronHarness harness = new CronHarness();

    @AfterEach
    void stop() {
        harness.close();
        yahoo.close();
        stooq.close();
    }

    private void alert(String id, String symbol) {
        harness.putAlert(new Alert(id, symbol, Condition.ABOVE, 1_000_000, RearmPolicy.once(), List.of("webhook"), CronHarness.T0));
    }

    @Test
    void symbolsYahooAnswersBadlyGoToStooqAloneAndTheRunChecksEveryOther() {
        yahoo.route("/v7/finance/spark", Response.json(200, v7(
                v7Entry("AAPL", aaplMeta("1700000000")),
                v7Entry("MSFT", meta("MSFT", "410.5", Long.MAX_VALUE)), // a time no Instant holds
                v7Entry("KO", meta("KO", "0", 1700000000)))));          // a price of zero
        stooq.route("/q/l/", Response.of(200, StooqProviderTest.HEADER
                + "MSFT.US,2024-11-22,22:00:07,415.0,417.1,414.2,416.3,2100000\r\nKO.US,N/D,N/D,N/D,N/D,N/D,N/D,N/D\r\n"));
        harness.env("QUOTE_PROVIDERS", "yahoo,stooq").env("YAHOO_BASE_URL", yahoo.baseUri().toString())
               .env("STOOQ_BASE_URL", stooq.baseUri().toString());
        alert("a1", "AAPL");
        alert("m1", "MSFT");
        alert("k1", "KO");

        Map<String, Object> report = harness.container().run();

        assertEquals(2, report.get("alertsChecked"));
        assertEquals(List.of("KO"), report.get("symbolsUnavailable"));
        assertEquals("s=ko.us,msft.us&f=sd2t2ohlcv&h&e=csv", stooq.onlyRequest().query()); // only the two, in the run's order
        assertEquals(1, yahoo.requests().size());
    }
}
