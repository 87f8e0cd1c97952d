package dev.stockalerts.dynamo;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What DynamoDB's reasons for cancelling a TransactWriteItems say, one per item in the request's order ("None" for an
 * item that was fine). The SDK retries no cancellation itself: whoever wrote the transaction decides by its kind.
 */
record Cancellation(List<CancellationReason> reasons) {
    static final String CONDITION_FAILED = "ConditionalCheckFailed";
    /** Another transaction on one of the items, or throttling on one: nothing was written, the same items may go again. */
    private static final Set<String> CONTENTION = Set.of("TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded");

    enum Kind {
        /** At least one item's condition failed: final for those items, whatever else was reported. */
        CONDITIONS_FAILED,
        /** Only contention: worth trying again after a pause. */
        CONTENTION,
        /** Anything else (a validation error, an item collection over its size limit, no reasons at all): trying again cannot help. */
        OTHER
    }

    Cancellation {
        reasons = List.copyOf(reasons);
    }

    static Cancellation of(TransactionCanceledException e) {
        return new Cancellation(e.hasCancellationReasons() ? e.cancellationReasons() : List.of());
    }

    Kind kind() {
        if (reasons.stream().anyMatch(r -> CONDITION_FAILED.equals(r.code()))) return Kind.CONDITIONS_FAILED;
        boolean contended = reasons.stream().anyMatch(r -> CONTENTION.contains(r.code()));
        boolean otherwise = reasons.stream().anyMatch(r -> !CONTENTION.contains(r.code()) && !isNone(r));
        return contended && !otherwise ? Kind.CONTENTION : Kind.OTHER;
    }

    /** Whether item {@code index}'s own condition failed. */
    boolean conditionFailed(int index) {
        return index < reasons.size() && CONDITION_FAILED.equals(reasons.get(index).code());
    }

    /** The item as it was when its condition failed (with ALL_OLD asked for); empty when there was none. */
    Map<String, AttributeValue> old(int index) {
        CancellationReason reason = index < reasons.size() ? reasons.get(index) : null;
        return reason != null && reason.hasItem() ? reason.item() : Map.of();
    }

    /** DynamoDB's reasons as a log shows them: each item's code, with its message when there is one. */
    String describe() {
        if (reasons.isEmpty()) return "[no reasons given]";
        return reasons.stream().map(r -> r.message() == null ? String.valueOf(r.code()) : r.code() + ": " + r.message())
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static boolean isNone(CancellationReason reason) {
        return reason.code() == null || "None".equals(reason.code());
    }
}
