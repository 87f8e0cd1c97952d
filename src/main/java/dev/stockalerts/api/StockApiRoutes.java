package dev.stockalerts.api;

import java.util.List;
import java.util.function.Consumer;

/** The route table of the stock API; template.yaml declares the same routes as API Gateway events. */
public final class StockApiRoutes {
    private StockApiRoutes() {}

    public static Router router(QuoteEndpoint quote, AlertEndpoints alerts, Consumer<String> log) {
        return new Router(List.of(
                new Router.Route("GET", "/stock/{symbol}", quote::get),
                new Router.Route("POST", "/alerts", alerts::create),
                new Router.Route("GET", "/alerts", alerts::list),
                new Router.Route("GET", "/alerts/{id}", alerts::get),
                new Router.Route("DELETE", "/alerts/{id}", alerts::delete),
                new Router.Route("POST", "/alerts/{id}/rearm", alerts::rearm)), log);
    }
}
