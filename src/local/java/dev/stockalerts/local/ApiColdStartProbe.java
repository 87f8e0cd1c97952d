package dev.stockalerts.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.stockalerts.handler.StockApiFunction;
import dev.stockalerts.wiring.ApiPriming;

/**
 * Run in a fresh JVM on the deployment jar by {@link PrimingBenchmark}: builds the API handler the way the
 * Lambda runtime does (from the environment), optionally runs the SnapStart priming hook as Lambda would
 * before the snapshot, then times the first two requests: a quote, then the alert list (DynamoDB).
 */
public final class ApiColdStartProbe {
    private ApiColdStartProbe() {}

    public static void main(String[] args) {
        StockApiFunction handler = new StockApiFunction();
        if (args.length > 0 && args[0].equals("primed")) new ApiPriming(StockApiFunction::new, line -> {}).beforeCheckpoint(null);
        System.out.println("FIRST_QUOTE_US=" + time(handler, "/stock/AAPL"));
        System.out.println("FIRST_LIST_US=" + time(handler, "/alerts"));
        System.exit(0);
    }

    private static long time(StockApiFunction handler, String path) {
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        context.setStage("prod");
        context.setPath("/prod" + path);
        context.setHttpMethod("GET");
        APIGatewayProxyRequestEvent request = new APIGatewayProxyRequestEvent().withHttpMethod("GET").withPath(path)
                .withIsBase64Encoded(false).withRequestContext(context);
        long started = System.nanoTime();
        int status = handler.handleRequest(request, null).getStatusCode();
        long micros = (System.nanoTime() - started) / 1_000;
        if (status != 200) throw new IllegalStateException("GET " + path + " answered " + status);
        return micros;
    }
}
