package dev.stockalerts.time;

import java.util.function.Supplier;

/**
 * The deadline of the work the current thread is doing, for adapters that cap every outbound call by it
 * (the DynamoDB client's per-call timeout) without each port passing it along. One per container,
 * built by the composition root; per thread, so concurrent requests of a local server keep their own.
 */
public final class DeadlineContext {
    private final ThreadLocal<Deadline> current = ThreadLocal.withInitial(Deadline::none);

    /** Runs {@code work} with {@code deadline} as the current thread's deadline. */
    public <T> T within(Deadline deadline, Supplier<T> work) {
        Deadline outer = current.get();
        current.set(deadline);
        try {
            return work.get();
        } finally {
            current.set(outer);
        }
    }

    public Deadline current() {
        return current.get();
    }
}
