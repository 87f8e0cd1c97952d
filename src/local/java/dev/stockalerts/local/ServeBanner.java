package dev.stockalerts.local;

import dev.stockalerts.config.Settings;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What `serve` prints once it is up: where everything is, and requests to paste. */
final class ServeBanner {
    private ServeBanner() {}

    static List<String> lines(LocalService service, String database, Clock clock, long speed) {
        Settings settings = service.settings();
        String url = service.baseUri().toString();
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("stock-alerts serving at " + url);
        lines.add("  API       the StockApiFunction handler behind a local REST proxy (stage \"local\")");
        lines.add("            no API key here: in AWS, API Gateway requires x-api-key on /alerts before the function runs");
        lines.add("  table     " + settings.tableName() + " on " + database);
        lines.add("  quotes    " + quotes(service));
        lines.add("  notify    " + (service.localWebhook()
                ? "webhook -> local receiver, printed as [Notify] lines (set ALERT_WEBHOOK_URL to use yours)"
                : "webhook -> " + settings.alertWebhookUrl() + " (ALERT_WEBHOOK_URL)"));
        lines.add("  schedule  " + schedule(clock, speed));
        lines.add("");
        lines.add("Try:");
        lines.add("  curl -s " + url + "/stock/AAPL");
        lines.add("  curl -s -X POST " + url + "/alerts -H 'Content-Type: application/json' \\");
        lines.add("       -d '{\"symbol\":\"AAPL\",\"condition\":\"ABOVE\",\"level\":" + exampleLevel(service) + "}'");
        lines.add("  curl -s " + url + "/alerts");
        lines.add("  curl -s -X DELETE " + url + "/alerts/<id>");
        lines.add("Ctrl-C stops.");
        return lines;
    }

    private static String quotes(LocalService service) {
        if (service.market() == null) {
            return "QUOTE_PROVIDERS=" + service.settings().quoteProviders() + " from the environment";
        }
        return "simulated market (1.5%/day random walk) served as Yahoo at " + service.settings().yahooBaseUrl()
                + "\n            symbols: " + String.join(" ", AlertSeeder.SYMBOLS);
    }

    private static String schedule(Clock clock, long speed) {
        Duration real = LocalService.SCHEDULE.dividedBy(speed);
        String every = real.toMillis() % 1000 == 0 ? real.toSeconds() + " s" : real.toMillis() + " ms";
        return speed == 1
                ? "AlertsCronFunction every 5 min (real time)"
                : String.format(Locale.ROOT, "AlertsCronFunction every 5 min of service time = every %s real (--speed %d); "
                        + "service clock started at %s", every, speed, clock.instant().truncatedTo(ChronoUnit.SECONDS));
    }

    /** A level just above the simulated price, so the example alert fires once the price ticks up. */
    private static String exampleLevel(LocalService service) {
        SimulatedMarket market = service.market();
        if (market == null) return "200";
        return String.format(Locale.ROOT, "%.2f", market.price("AAPL").price() * 1.002);
    }
}
