package dev.stockalerts.providers;

/** Yahoo Finance answers in the shapes the real endpoints use (series trimmed). */
final class YahooFixtures {
    private YahooFixtures() {}

    /** The meta of a real /v8/finance/chart/AAPL?range=1d&interval=1d answer; v7 spark sends the same meta. */
    static String aaplMeta(String regularMarketTime) {
        return """
                {"currency":"USD","symbol":"AAPL","exchangeName":"NMS",
                "fullExchangeName":"NasdaqGS","instrumentType":"EQUITY","firstTradeDate":345479400,
                "regularMarketTime":%s,"hasPrePostMarketData":true,"gmtoffset":-18000,"timezone":"EST",
                "exchangeTimezoneName":"America/New_York","regularMarketPrice":189.84,"fiftyTwoWeekHigh":198.23,
                "fiftyTwoWeekLow":124.17,"regularMarketDayHigh":190.9,"regularMarketDayLow":188.4,
                "regularMarketVolume":54000000,"longName":"Apple Inc.","shortName":"Apple Inc.",
                "chartPreviousClose":187.15,"previousClose":187.15,"scale":3,"priceHint":2,
                "currentTradingPeriod":{"regular":{"timezone":"EST","start":1699972200,"end":1699995600,"gmtoffset":-18000}},
                "dataGranularity":"1d","range":"1d","validRanges":["1d","5d","1mo","3mo","6mo","1y","max"]}
                """.formatted(regularMarketTime);
    }

    static final String AAPL = chart(aaplMeta("1700000000"));

    /** The index: no previousClose in meta, only chartPreviousClose; no day range. */
    static final String GSPC = """
            {"chart":{"result":[{"meta":{"currency":"USD","symbol":"^GSPC","exchangeName":"SNP",
            "instrumentType":"INDEX","regularMarketTime":1700000100,"regularMarketPrice":4502.88,
            "chartPreviousClose":4411.55,"priceHint":2,"dataGranularity":"1d","range":"1d"},
            "timestamp":[1700000100],"indicators":{"quote":[{"close":[4502.88]}]}}],"error":null}}
            """;

    static final String NOT_FOUND = """
            {"chart":{"result":null,"error":{"code":"Not Found","description":"No data found, symbol may be delisted"}}}
            """;

    static final String SPARK_NOT_FOUND = """
            {"spark":{"result":null,"error":{"code":"Not Found","description":"No data found for spark symbols"}}}
            """;

    static String chart(String meta) {
        return "{\"chart\":{\"result\":[{\"meta\":" + meta + ",\"timestamp\":[1700000000],\"indicators\":{\"quote\":[{"
                + "\"open\":[189.0],\"high\":[190.9],\"low\":[188.4],\"close\":[189.84],\"volume\":[54000000]}]},"
                + "\"adjclose\":[{\"adjclose\":[189.84]}]}],\"error\":null}}";
    }

    /** A minimal chart meta for {@code symbol}: a price, its time, the previous close, the day's range. */
    static String meta(String symbol, String price, long time) {
        return """
                {"currency":"USD","symbol":"%s","exchangeName":"NYQ","instrumentType":"EQUITY","regularMarketTime":%d,
                "gmtoffset":-18000,"timezone":"EST","exchangeTimezoneName":"America/New_York","regularMarketPrice":%s,
                "regularMarketDayHigh":412.5,"regularMarketDayLow":401.25,"chartPreviousClose":405.0,"previousClose":405.0,
                "priceHint":2,"dataGranularity":"5m","range":"1d"}
                """.formatted(symbol, time, price);
    }

    /** One v7 spark result entry: the symbol and a chart-like response carrying {@code meta}. */
    static String v7Entry(String symbol, String meta) {
        return "{\"symbol\":\"" + symbol + "\",\"response\":[{\"meta\":" + meta + ",\"timestamp\":[1699999500,1700000000],"
                + "\"indicators\":{\"quote\":[{\"close\":[189.5,189.84]}]}}]}";
    }

    static String v7(String... entries) {
        return "{\"spark\":{\"result\":[" + String.join(",", entries) + "],\"error\":null}}";
    }

    /** v8 spark: keyed by symbol, the series only; the last 5-minute bar had no trade (null). */
    static final String V8_AAPL_MSFT = """
            {"AAPL":{"symbol":"AAPL","timestamp":[1699999200,1699999500,1699999800],"close":[189.5,189.84,null],
            "end":null,"start":null,"previousClose":null,"chartPreviousClose":187.15,"dataGranularity":300},
            "MSFT":{"symbol":"MSFT","timestamp":[1699999200,1699999500,1699999800],"close":[369.1,369.67,370.02],
            "end":null,"start":null,"previousClose":366.68,"chartPreviousClose":366.68,"dataGranularity":300}}
            """;
}
