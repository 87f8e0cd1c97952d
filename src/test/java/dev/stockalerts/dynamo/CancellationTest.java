package dev.stockalerts.dynamo;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One reading of a cancelled transaction's reasons, for every transaction the adapters write. */
class CancellationTest {
    private static Cancellation of(String... codes) {
        return Cancellation.of(TransactionCanceledException.builder()
                .cancellationReasons(Arrays.stream(codes).map(c -> CancellationReason.builder().code(c).build()).toList()).build());
    }

    @Test
    void aFailedConditionIsFinalAndNamesItsItems() {
        Cancellation cancellation = of("None", "ConditionalCheckFailed", "TransactionConflict");

        assertEquals(Cancellation.Kind.CONDITIONS_FAILED, cancellation.kind());
        assertFalse(cancellation.conditionFailed(0));
        assertTrue(cancellation.conditionFailed(1));
        assertFalse(cancellation.conditionFailed(5), "past the reasons: no condition of its own failed");
    }

    @Test
    void onlyConflictsAndThrottlesAreContention() {
        assertEquals(Cancellation.Kind.CONTENTION, of("None", "TransactionConflict").kind());
        assertEquals(Cancellation.Kind.CONTENTION, of("ThrottlingError", "ProvisionedThroughputExceeded").kind());
    }

    @Test
    void anythingElseIsNeitherEvenBesideContention() {
        assertEquals(Cancellation.Kind.OTHER, of("None", "ValidationError").kind());
        assertEquals(Cancellation.Kind.OTHER, of("TransactionConflict", "ItemCollectionSizeLimitExceeded").kind());
        assertEquals(Cancellation.Kind.OTHER, of().kind(), "no reasons: nothing says a retry would help");
        assertEquals(Cancellation.Kind.OTHER, of("None", "None").kind());
    }

    @Test
    void itsReasonsReadInOneLogLine() {
        Cancellation cancellation = Cancellation.of(TransactionCanceledException.builder().cancellationReasons(
                CancellationReason.builder().code("None").build(),
                CancellationReason.builder().code("ValidationError").message("Item size has exceeded the maximum allowed size").build()).build());

        assertEquals("[None, ValidationError: Item size has exceeded the maximum allowed size]", cancellation.describe());
    }
}
