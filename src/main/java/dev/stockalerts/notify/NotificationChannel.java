package dev.stockalerts.notify;

/** One way of delivering a notification (webhook, Telegram, SNS, console). */
public interface NotificationChannel {
    /** Stable name, as listed in an alert's {@code channels}. */
    String name();

    /** Delivers or throws; returning normally means the target accepted it. */
    void send(Notification n) throws DeliveryException;
}
