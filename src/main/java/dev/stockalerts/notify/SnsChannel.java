package dev.stockalerts.notify;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.SnsException;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/** Publishes the message to an SNS topic (fan-out to e-mail, SMS, queues). The client is shared, not owned. */
public final class SnsChannel implements NotificationChannel {
    public static final String NAME = "sns";
    /** SNS caps e-mail subjects at 100 characters. */
    static final int MAX_SUBJECT = 100;

    private final Supplier<SnsClient> sns;
    private final String topicArn;

    public SnsChannel(SnsClient sns, String topicArn) {
        this(supplierOf(Objects.requireNonNull(sns, "sns")), topicArn);
    }

    /** The client is built on first use: most containers never publish, and building it costs cold-start time. */
    public SnsChannel(Supplier<SnsClient> sns, String topicArn) {
        this.sns = Objects.requireNonNull(sns, "sns");
        if (topicArn == null || topicArn.isBlank()) throw new IllegalArgumentException("topic ARN is required");
        this.topicArn = topicArn;
    }

    private static Supplier<SnsClient> supplierOf(SnsClient client) {
        return () -> client;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void send(Notification n) throws DeliveryException {
        String subject = "Stock alert: " + n.headline();
        if (subject.length() > MAX_SUBJECT) subject = subject.substring(0, MAX_SUBJECT);
        PublishRequest request = PublishRequest.builder()
                .topicArn(topicArn)
                .subject(subject)
                .message(n.message())
                // Lets subscribers filter by symbol with a subscription filter policy.
                .messageAttributes(Map.of("symbol",
                        MessageAttributeValue.builder().dataType("String").stringValue(n.symbol()).build()))
                .build();
        try {
            sns.get().publish(request);
        } catch (SnsException e) {
            boolean retryable = e.isThrottlingException() || e.statusCode() >= 500;
            String code = e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() : null;
            String text = e.awsErrorDetails() != null ? e.awsErrorDetails().errorMessage() : e.getMessage();
            throw new DeliveryException(NAME, retryable,
                    "SNS " + (code != null ? code : "error") + " (HTTP " + e.statusCode() + "): " + text, e);
        } catch (SdkClientException e) {
            // Network trouble or the SDK's own timeouts: the topic may well work next time.
            throw new DeliveryException(NAME, true, "SNS client error: " + e.getMessage(), e);
        }
    }
}
