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
 * or {@code mvn -q -DskipTests package exec:java -Dexec.args="benchmark"} / {@code "priming [--runs N]"}.
 */
public final class LocalMain {
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
                        case "--alerts" -> alerts = positive(flag, rest);
                        case "--hours" -> hours = positive(flag, rest);
                        case "--symbols" -> symbols = positive(flag, rest);
                        case "--start" -> start = instant(flag, rest);
                        case "--webhook-status" -> webhookStatus = status(flag, rest);
                        case "--shards" -> environment.put(CronScenario.SHARDS_VARIABLE, Integer.toString(positive(flag, rest)));
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
                        case "--port" -> port = port(flag, rest);
                        case "--speed" -> speed = positive(flag, rest);
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
                        case "--port" -> port = port(flag, rest);
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
                        case "--from" -> from = positive(flag, rest);
                        case "--to" -> to = positive(flag, rest);
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
                    if (flag.equals("--runs")) runs = positive(flag, rest);
                    else usage("unknown option " + flag);
                }
                PrimingBenchmark.run(runs);
            }
            default -> usage("unknown command " + args[0]);
        }
    }

    private static int positive(String flag, Iterator<String> rest) {
        if (!rest.hasNext()) usage(flag + " needs a number");
        String value = rest.next();
        try {
            int n = Integer.parseInt(value);
            if (n > 0) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        usage(flag + " must be a positive whole number, got '" + value + "'");
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

    /** An HTTP status the simulated webhook answers with, e.g. 500 for an outage. */
    private static int status(String flag, Iterator<String> rest) {
        if (!rest.hasNext()) usage(flag + " needs an HTTP status");
        String value = rest.next();
        try {
            int n = Integer.parseInt(value);
            if (n >= 200 && n <= 599) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        usage(flag + " must be an HTTP status from 200 to 599, got '" + value + "'");
        return 0;
    }

    /** 0 to 65535; 0 picks any free port. */
    private static int port(String flag, Iterator<String> rest) {
        if (!rest.hasNext()) usage(flag + " needs a number");
        String value = rest.next();
        try {
            int n = Integer.parseInt(value);
            if (n >= 0 && n <= 65535) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        usage(flag + " must be a port number from 0 (any free port) to 65535, got '" + value + "'");
        return 0;
    }

    private static void usage(String problem) {
        System.err.println("error: " + problem);
        System.err.println("usage: simulate [--alerts N] [--hours H] [--symbols S] [--start ISO-8601] [--webhook-status 500]"
                + " [--shards K [--shuffled]] | serve [--port P] [--speed N]"
                + " | benchmark | dynamodb [--port P] [--table T] | reshard --table T --from A --to B | priming [--runs N]");
        System.exit(2);
    }
}
