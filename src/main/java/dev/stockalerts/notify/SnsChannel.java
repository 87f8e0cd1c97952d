package dev.stockalerts.notify;

import dev.stockalerts.delivery.Notification;
import dev.stockalerts.delivery.SendResult.Outcome;
import dev.stockalerts.time.Deadline;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.SnsException;

import java.net.ConnectException;
import java.time.Duration;
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
    private final Duration timeout;

    /**
     * @param sns     built on first use: most containers never publish, and building a client costs cold-start time
     * @param timeout the whole publish, SDK retries included
     */
    public SnsChannel(Supplier<SnsClient> sns, String topicArn, Duration timeout) {
        this.sns = Objects.requireNonNull(sns, "sns");
        if (topicArn == null || topicArn.isBlank()) throw new IllegalArgumentException("topic ARN is required");
        this.topicArn = topicArn;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * The client the channel needs: one attempt per publish, since the delivery ledger is the retry (an SDK retry of a
     * publish whose answer was lost would publish it again), each attempt within {@code attemptTimeout}. Region,
     * credentials and endpoint are the caller's to add (the environment's, in Lambda).
     */
    public static SnsClientBuilder clientBuilder(Duration attemptTimeout) {
        return SnsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallAttemptTimeout(attemptTimeout));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void send(Notification n, Deadline deadline) throws DeliveryException {
        Duration budget = deadline.cap(timeout);
        if (budget.isZero()) throw new DeliveryException(NAME, Outcome.FAILED, "not sent: no time left before the run's deadline");
        String subject = "Stock alert: " + n.headline();
        if (subject.length() > MAX_SUBJECT) subject = subject.substring(0, MAX_SUBJECT);
        PublishRequest request = PublishRequest.builder()
                .topicArn(topicArn)
                .subject(subject)
                .message(n.message())
                // Lets subscribers filter by symbol with a subscription filter policy.
                .messageAttributes(Map.of("symbol",
                        MessageAttributeValue.builder().dataType("String").stringValue(n.symbol()).build()))
                .overrideConfiguration(o -> o.apiCallTimeout(budget))
                .build();
        try {
            sns.get().publish(request);
        } catch (SnsException e) {
            String code = e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() : null;
            String text = e.awsErrorDetails() != null ? e.awsErrorDetails().errorMessage() : e.getMessage();
            throw new DeliveryException(NAME, serviceFailure(e),
                    "SNS " + (code != null ? code : "error") + " (HTTP " + e.statusCode() + "): " + text, e);
        } catch (SdkClientException e) {
            throw new DeliveryException(NAME, clientFailure(e), "SNS client error: " + e.getMessage(), e);
        }
    }

    /**
     * Throttling refuses the request before it is taken: not published, retry. A 5xx came after the request was
     * written: it may have been published, so it counts as unanswered. Any other 4xx never will succeed.
     */
    private static Outcome serviceFailure(SnsException e) {
        if (e.isThrottlingException()) return Outcome.FAILED;
        return e.statusCode() >= 500 ? Outcome.UNANSWERED : Outcome.REJECTED;
    }

    /** No connection means nothing was published; a timeout or a lost answer may hide a publish that happened. */
    private static Outcome clientFailure(SdkClientException e) {
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) return Outcome.UNANSWERED;
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof ConnectException) return Outcome.FAILED;
        }
        return Outcome.UNANSWERED;
    }
}
