package dev.stockalerts.notify;

import java.util.List;
import java.util.Objects;

/** Which channels took a notification and which did not (and why). */
public record DeliveryReport(List<String> delivered, List<Failure> failed) {

    public record Failure(String channel, boolean retryable, String reason) {
        public Failure {
            Objects.requireNonNull(channel, "channel");
        }
    }

    public DeliveryReport {
        delivered = List.copyOf(delivered);
        failed = List.copyOf(failed);
    }

    public boolean allDelivered() {
        return failed.isEmpty();
    }

    /** Channels worth trying again on a later run (the alert state's pending channels). */
    public List<String> retryableChannels() {
        return failed.stream().filter(Failure::retryable).map(Failure::channel).toList();
    }
}
