package dev.stockalerts.delivery;

import dev.stockalerts.time.Deadline;

import java.util.Set;

/** The channels notifications go out on (webhook, Telegram, SNS, console). Never throws for a channel. */
public interface NotificationSender {

    /** Names of the configured channels, as alerts list them. */
    Set<String> channelNames();

    /** One attempt on one channel, finished (or abandoned as unanswered) by {@code deadline}. */
    SendResult send(String channel, Notification notification, Deadline deadline);
}
