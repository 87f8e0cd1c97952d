package dev.stockalerts.local;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
        byte[] event = ("{\"httpMethod\":\"GET\",\"path\":\"" + path + "\",\"isBase64Encoded\":false,"
                + "\"requestContext\":{\"stage\":\"prod\",\"path\":\"/prod" + path + "\",\"httpMethod\":\"GET\"}}")
                .getBytes(StandardCharsets.UTF_8);
        long started = System.nanoTime();
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event), response, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long micros = (System.nanoTime() - started) / 1_000;
        int status = Integer.parseInt(response.toString(StandardCharsets.UTF_8).replaceAll("(?s).*\"statusCode\":(\\d+).*", "$1"));
        if (status != 200) throw new IllegalStateException("GET " + path + " answered " + status);
        return micros;
    }
}
