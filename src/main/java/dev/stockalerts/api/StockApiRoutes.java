package dev.stockalerts.api;

import dev.stockalerts.manage.AlertAdmin;
import dev.stockalerts.time.DeadlineContext;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** The route table of the stock API; template.yaml and docs/openapi.yaml declare the same routes. */
public final class StockApiRoutes {
    private StockApiRoutes() {}

    public static Router router(QuoteEndpoint quote, AlertEndpoints alerts, HistoryEndpoint history,
                                TelegramWebhookEndpoint telegram, DeadlineContext deadlines, Consumer<String> log) {
        return new Router(routes(quote, alerts, history, telegram, log), deadlines, log);
    }

    public static List<Router.Route> routes(QuoteEndpoint quote, AlertEndpoints alerts, HistoryEndpoint history,
                                            TelegramWebhookEndpoint telegram, Consumer<String> log) {
        return List.of(
                new Router.Route("GET", "/stock/{symbol}", quote::get),
                new Router.Route("POST", "/alerts", busyAs503(log, alerts::create)),
                new Router.Route("GET", "/alerts", alerts::list),
                new Router.Route("GET", "/alerts/{id}", alerts::get),
                new Router.Route("PATCH", "/alerts/{id}", busyAs503(log, alerts::edit)),
                new Router.Route("DELETE", "/alerts/{id}", busyAs503(log, alerts::delete)),
                new Router.Route("POST", "/alerts/{id}/rearm", busyAs503(log, alerts::rearm)),
                new Router.Route("GET", "/alerts/{id}/history", history::list),
                // Telegram resends an update until it hears 2xx: a contended change answers 503 and comes again.
                new Router.Route("POST", "/telegram/webhook", busyAs503(log, telegram::update), telegram::tooLarge));
    }

    /** A change that stayed contended (conflicts, throttling) until the request's deadline: 503, try again shortly. */
    private static Function<ApiRequest, ApiResponse> busyAs503(Consumer<String> log, Function<ApiRequest, ApiResponse> change) {
        return request -> {
            try {
                return change.apply(request);
            } catch (AlertAdmin.Busy busy) {
                log.accept("[API] " + request.method() + " " + request.path() + " answered 503: " + busy.getMessage());
                return ApiErrors.busy();
            }
        };
    }
}
