package dev.stockalerts.notify;

import dev.stockalerts.delivery.Notification;
import dev.stockalerts.time.Deadline;

/** One way of delivering a notification (webhook, Telegram, SNS, console). */
public interface NotificationChannel {
    /** Stable name, as listed in an alert's {@code channels}. */
    String name();

    /** Delivers or throws, within its own timeout and never past {@code deadline}; returning means the target accepted it. */
    void send(Notification n, Deadline deadline) throws DeliveryException;
}
