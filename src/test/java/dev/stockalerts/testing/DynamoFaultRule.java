package dev.stockalerts.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One fault of a {@link FaultyDynamoProxy}: which calls it takes (an operation or all; every call, the next N, or a
 * seeded share) and what it answers them with, in the formats DynamoDB itself uses. {@link #fired()} counts the
 * calls it took; {@link #remove()} retires it.
 */
public final class DynamoFaultRule {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DYNAMO = "com.amazonaws.dynamodb.v20120810#";

    enum Fault {
        THROTTLE, THROTTLING_EXCEPTION, ACCESS_DENIED, INTERNAL_ERROR, COMMIT_THEN_INTERNAL_ERROR, COMMIT_THEN_DROP, DROP, STALL,
        TRANSACTION_CONFLICT, FORWARD_THEN_RUN, STALE_READ
    }

    private final String operation;
    private final Fault fault;
    private final Runnable action;
    private final Random random;
    private final double probability;
    private int remaining;
    private final AtomicInteger fired = new AtomicInteger();
    private volatile boolean removed;

    private DynamoFaultRule(Builder b, Fault fault, Runnable action) {
        this.operation = b.operation;
        this.fault = fault;
        this.action = action;
        this.random = b.seed == null ? null : new Random(b.seed);
        this.probability = b.probability;
        this.remaining = b.next;
    }

    /** How many calls this rule took so far. */
    public int fired() {
        return fired.get();
    }

    /** Retires the rule: the calls it would take are forwarded (or go to a later rule). */
    public void remove() {
        removed = true;
    }

    Fault fault() {
        return fault;
    }

    Runnable action() {
        return action;
    }

    /** Whether this rule takes a call of {@code op}; counts it if so. */
    synchronized boolean takes(String op) {
        if (removed || (operation != null && !operation.equals(op)) || remaining == 0) return false;
        if (random != null && random.nextDouble() >= probability) return false;
        if (remaining > 0) remaining--;
        fired.incrementAndGet();
        return true;
    }

    /** Chooses the calls a rule takes, then (with a fault method) adds it to its proxy. */
    public static final class Builder {
        private final String operation;
        private final java.util.function.Consumer<DynamoFaultRule> add;
        private int next = -1;
        private Long seed;
        private double probability = 1;

        Builder(String operation, java.util.function.Consumer<DynamoFaultRule> add) {
            this.operation = operation;
            this.add = add;
        }

        /** Only the next {@code n} matching calls (default: all of them). */
        public Builder next(int n) {
            if (n < 1) throw new IllegalArgumentException("next(n) needs n >= 1");
            this.next = n;
            return this;
        }

        /** Each matching call with probability {@code p}, drawn from a {@code seed}ed generator so runs repeat. */
        public Builder withProbability(double p, long seed) {
            this.probability = p;
            this.seed = seed;
            return this;
        }

        /** HTTP 400 ProvisionedThroughputExceededException (the SDK retries it with backoff). */
        public DynamoFaultRule throttle() {
            return add(Fault.THROTTLE);
        }

        /** HTTP 400 ThrottlingException, DynamoDB's request-rate throttle. */
        public DynamoFaultRule throttlingException() {
            return add(Fault.THROTTLING_EXCEPTION);
        }

        /** HTTP 400 AccessDeniedException, as a role without the permission gets: not retried, nothing written. */
        public DynamoFaultRule accessDenied() {
            return add(Fault.ACCESS_DENIED);
        }

        /** HTTP 500 InternalServerError without forwarding: nothing was written. */
        public DynamoFaultRule internalError() {
            return add(Fault.INTERNAL_ERROR);
        }

        /** Forwards the call (it commits), then answers HTTP 500 instead: the client cannot know it succeeded. */
        public DynamoFaultRule commitThenInternalError() {
            return add(Fault.COMMIT_THEN_INTERNAL_ERROR);
        }

        /** Forwards the call (it commits), then closes the connection without an answer. */
        public DynamoFaultRule commitThenDrop() {
            return add(Fault.COMMIT_THEN_DROP);
        }

        /** Closes the connection without forwarding or answering. */
        public DynamoFaultRule drop() {
            return add(Fault.DROP);
        }

        /** Never answers (until the proxy closes): only the client's own timeouts end the call. */
        public DynamoFaultRule stall() {
            return add(Fault.STALL);
        }

        /**
         * A transaction (TransactWriteItems / TransactGetItems) is cancelled with reason TransactionConflict on its
         * first item, nothing written; any other operation gets TransactionConflictException.
         */
        public DynamoFaultRule transactionConflict() {
            return add(Fault.TRANSACTION_CONFLICT);
        }

        /**
         * Forwards the call (it commits), runs {@code action} before answering, then relays DynamoDB's answer: a
         * precise point to act at, e.g. {@code forwardThen(sandbox::kill)} for a container that dies right after
         * a write committed.
         */
        public DynamoFaultRule forwardThen(Runnable action) {
            return add(Fault.FORWARD_THEN_RUN, action);
        }

        /**
         * An eventually consistent read (GetItem, Query, Scan, BatchGetItem without {@code ConsistentRead: true}) is
         * answered with what an identical earlier read was answered, as DynamoDB may answer for a while after a write
         * (its replicas converge within about a second). A strongly consistent read, or one not seen before, is
         * forwarded.
         */
        public DynamoFaultRule staleRead() {
            return add(Fault.STALE_READ);
        }

        private DynamoFaultRule add(Fault fault) {
            return add(fault, null);
        }

        private DynamoFaultRule add(Fault fault, Runnable action) {
            DynamoFaultRule rule = new DynamoFaultRule(this, fault, action);
            add.accept(rule);
            return rule;
        }
    }

    static FaultyDynamoProxy.Answer errorAnswer(Fault fault) {
        return switch (fault) {
            case THROTTLE -> error(400, DYNAMO + "ProvisionedThroughputExceededException",
                    "The level of configured provisioned throughput for the table was exceeded. "
                            + "Consider increasing your provisioning level with the UpdateTable API.");
            case THROTTLING_EXCEPTION -> error(400, "com.amazon.coral.availability#ThrottlingException",
                    "Rate of requests exceeds the allowed throughput.");
            case ACCESS_DENIED -> error(400, DYNAMO + "AccessDeniedException",
                    "User: arn:aws:iam::123456789012:user/local is not authorized to perform this action");
            case INTERNAL_ERROR -> error(500, DYNAMO + "InternalServerError", "Internal server error");
            default -> throw new IllegalArgumentException(fault + " is not a plain error");
        };
    }

    static FaultyDynamoProxy.Answer transactionConflict(String request) {
        JsonNode items = read(request).path("TransactItems");
        if (!items.isArray()) {
            return error(400, DYNAMO + "TransactionConflictException", "Transaction is ongoing for the item");
        }
        ObjectNode body = JSON.createObjectNode().put("__type", DYNAMO + "TransactionCanceledException");
        ArrayNode reasons = body.putArray("CancellationReasons");
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String code = i == 0 ? "TransactionConflict" : "None";
            codes.add(code);
            ObjectNode reason = reasons.addObject().put("Code", code);
            if (i == 0) reason.put("Message", "Transaction is ongoing for the item");
        }
        body.put("Message", "Transaction cancelled, please refer cancellation reasons for specific reasons " + codes);
        return FaultyDynamoProxy.Answer.json(400, body.toString());
    }

    private static FaultyDynamoProxy.Answer error(int status, String type, String message) {
        return FaultyDynamoProxy.Answer.json(status, JSON.createObjectNode().put("__type", type).put("message", message).toString());
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }
}
