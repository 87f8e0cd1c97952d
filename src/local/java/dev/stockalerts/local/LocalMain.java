package dev.stockalerts.local;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Local entry point: {@code mvn -q compile exec:java -Dexec.args="simulate [--alerts N] [--hours H] [--symbols S] [--start T]
 * [--webhook-status S] [--shards K [--shuffled]]"},
 * {@code mvn -q compile exec:java -Dexec.args="serve [--port P] [--speed N]"},
 * {@code mvn -q compile exec:java -Dexec.args="dynamodb [--port 8000] [--table stock-alerts-local]"} (for sam local),
 * {@code mvn -q compile exec:java -Dexec.args="reshard --table T --from A --to B"} (docs/scaling.md),
 * {@code mvn -q compile exec:java -Dexec.args="telegram-webhook --url <StockApiUrl> [--drop-pending-updates]"} (the bot's
 * webhook and command menu; TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET from the environment),
 * or {@code mvn -q -DskipTests package exec:java -Dexec.args="benchmark"} / {@code "priming [--runs N]"}.
 */
public final class LocalMain {
    /** The whole numbers a flag takes: from {@code min} to {@code max}, what to call one, and how to say the range. */
    private record Range(int min, int max, String needs, String mustBe) {}

    private static final Range POSITIVE = new Range(1, Integer.MAX_VALUE, "a number", "a positive whole number");
    /** An HTTP status the simulated webhook answers with, e.g. 500 for an outage. */
    private static final Range STATUS = new Range(200, 599, "an HTTP status", "an HTTP status from 200 to 599");
    /** 0 picks any free port. */
    private static final Range PORT = new Range(0, 65535, "a number", "a port number from 0 (any free port) to 65535");

    private LocalMain() {}

    public static void main(String[] args) {
        try {
            run(args);
        } catch (RuntimeException e) {
            // Said here, while exec:java's class realm still stands: once main returns it is torn down, and the SDK's
            // exception cannot even load the classes of its own message (Maven's "A required class was missing").
            System.err.println("error: " + FailedDynamoCall.describe(e));
            System.exit(1);
        }
        // DynamoDB Local leaves non-daemon threads behind. After serve the JVM is already shutting down: this call then
        // just blocks until the shutdown hooks finish, and the JVM halts.
        System.exit(0);
    }

    private static void run(String[] args) {
        if (args.length == 0) usage("a command is required");
        Iterator<String> rest = Arrays.asList(args).subList(1, args.length).iterator();
        switch (args[0]) {
            case "simulate" -> {
                int alerts = 100;
                int hours = 24;
                int symbols = AlertSeeder.SYMBOLS.size();
                Instant start = CronScenario.START;
                int webhookStatus = 204;
                Map<String, String> environment = new HashMap<>(System.getenv());
                boolean shuffled = false;
                while (rest.hasNext()) {
                    String flag = rest.next();
                    switch (flag) {
                        case "--alerts" -> alerts = number(flag, rest, POSITIVE);
                        case "--hours" -> hours = number(flag, rest, POSITIVE);
                        case "--symbols" -> symbols = number(flag, rest, POSITIVE);
                        case "--start" -> start = instant(flag, rest);
                        case "--webhook-status" -> webhookStatus = number(flag, rest, STATUS);
                        case "--shards" -> environment.put(CronScenario.SHARDS_VARIABLE, Integer.toString(number(flag, rest, POSITIVE)));
                        case "--shuffled" -> shuffled = true;
                        default -> usage("unknown option " + flag);
                    }
                }
                Simulation.run(alerts, hours, symbols, start, webhookStatus, environment, shuffled);
            }
            case "benchmark" -> Benchmark.run();
            case "serve" -> {
                int port = 3000;
                int speed = 1;
                while (rest.hasNext()) {
                    String flag = rest.next();
                    switch (flag) {
                        case "--port" -> port = number(flag, rest, PORT);
                        case "--speed" -> speed = number(flag, rest, POSITIVE);
                        default -> usage("unknown option " + flag);
                    }
                }
                Serve.run(port, speed); // returns once Ctrl-C's shutdown hook has stopped everything
            }
            case "dynamodb" -> {
                int port = 8000;
                String table = Serve.DEFAULT_TABLE;
                while (rest.hasNext()) {
                    String flag = rest.next();
                    switch (flag) {
                        case "--port" -> port = number(flag, rest, PORT);
                        case "--table" -> {
                            if (!rest.hasNext()) usage(flag + " needs a table name");
                            table = rest.next();
                        }
                        default -> usage("unknown option " + flag);
                    }
                }
                DynamoDbLocal.run(port, table); // returns once Ctrl-C's shutdown hook has stopped it
            }
            case "reshard" -> {
                String table = null;
                int from = 0;
                int to = 0;
                while (rest.hasNext()) {
                    String flag = rest.next();
                    switch (flag) {
                        case "--table" -> {
                            if (!rest.hasNext()) usage(flag + " needs a table name");
                            table = rest.next();
                        }
                        case "--from" -> from = number(flag, rest, POSITIVE);
                        case "--to" -> to = number(flag, rest, POSITIVE);
                        default -> usage("unknown option " + flag);
                    }
                }
                if (table == null || from == 0 || to == 0) usage("reshard needs --table, --from and --to");
                Resharding.run(table, from, to);
            }
            case "priming" -> {
                int runs = 7;
                while (rest.hasNext()) {
                    String flag = rest.next();
                    if (flag.equals("--runs")) runs = number(flag, rest, POSITIVE);
                    else usage("unknown option " + flag);
                }
                PrimingBenchmark.run(runs);
            }
            case "telegram-webhook" -> {
                String url = null;
                boolean dropPending = false;
                while (rest.hasNext()) {
                    String flag = rest.next();
                    switch (flag) {
                        case "--url" -> {
                            if (!rest.hasNext()) usage(flag + " needs the stack's StockApiUrl");
                            url = rest.next();
                        }
                        case "--drop-pending-updates" -> dropPending = true;
                        default -> usage("unknown option " + flag);
                    }
                }
                if (url == null) usage("telegram-webhook needs --url, the stack's StockApiUrl output");
                TelegramWebhookSetup.run(System.getenv(), url, dropPending, System.out::println);
            }
            default -> usage("unknown command " + args[0]);
        }
    }

    /** The flag's value as a whole number in {@code range}; anything else ends with a usage message. */
    private static int number(String flag, Iterator<String> rest, Range range) {
        if (!rest.hasNext()) usage(flag + " needs " + range.needs());
        String value = rest.next();
        try {
            int n = Integer.parseInt(value);
            if (n >= range.min() && n <= range.max()) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        usage(flag + " must be " + range.mustBe() + ", got '" + value + "'");
        return 0;
    }

    /** An ISO-8601 instant, such as 2026-03-09T13:30:00Z. */
    private static Instant instant(String flag, Iterator<String> rest) {
        if (!rest.hasNext()) usage(flag + " needs an ISO-8601 time");
        String value = rest.next();
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            usage(flag + " must be an ISO-8601 time such as 2026-03-09T13:30:00Z, got '" + value + "'");
            return null;
        }
    }

    private static void usage(String problem) {
        System.err.println("error: " + problem);
        System.err.println("usage: simulate [--alerts N] [--hours H] [--symbols S] [--start ISO-8601] [--webhook-status 500]"
                + " [--shards K [--shuffled]] | serve [--port P] [--speed N]"
                + " | benchmark | dynamodb [--port P] [--table T] | reshard --table T --from A --to B | priming [--runs N]"
                + " | telegram-webhook --url URL [--drop-pending-updates]");
        System.exit(2);
    }
}
