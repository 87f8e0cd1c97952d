package dev.stockalerts.delivery;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.Firing;
import dev.stockalerts.time.Deadline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Gets every firing to its channels at least once, and to a channel that never answers at most twice.
 * Each run claims before it sends (new firings with their states, due retries by their ledgers' attempt),
 * sends in parallel until the deadline, and settles what is left. What cannot be written now (a claim
 * whose outcome is unknown, a settlement that failed) is resolved first thing on the next run.
 */
public final class Deliveries implements AutoCloseable {
    private static final String LOG = "[Delivery] ";

    private final LedgerStore store;
    private final OperatorNotices notices;
    private final RetryPolicy policy;
    private final Consumer<String> log;
    private final ClaimPlanner planner;
    private final Claimer claimer;
    private final Dispatcher dispatcher;
    private final LedgerBook book = new LedgerBook();

    public Deliveries(LedgerStore store, NotificationSender sender, OperatorNotices notices, RetryPolicy policy,
                      int parallelSends, Consumer<String> log) {
        this.store = store;
        this.notices = notices;
        this.policy = policy;
        this.log = log;
        this.planner = new ClaimPlanner(policy, store.maxClaimItems());
        this.claimer = new Claimer(store, book, planner, log);
        this.dispatcher = new Dispatcher(sender, parallelSends);
    }

    /** Ledgers as just loaded (the hourly bulk read); settlements not yet written take precedence. */
    public synchronized void reload(List<DeliveryLedger> stored) {
        book.reload(stored);
    }

    /** A new firing, owed on {@code channels} once claimed. */
    public synchronized void owe(Firing firing, List<String> channels) {
        book.owe(OwedFiring.of(firing, channels));
    }

    /** Alerts whose fired state must not be flushed yet: their firing is not (known to be) claimed. */
    public synchronized Set<String> heldBack() {
        return book.heldBack();
    }

    public synchronized DeliveryRun deliver(Map<String, Alert> alerts, ClaimedStates states, Instant now, Deadline deadline) {
        DeliveryTally tally = new DeliveryTally(log);
        claimer.resolveInDoubt(states);
        settleOutstanding();
        List<OwedFiring> fresh = new ArrayList<>();
        for (OwedFiring o : book.takePending()) {
            OwedFiring sendable = sendable(o, alerts, now, tally);
            if (sendable != null) fresh.add(sendable);
        }
        Map<DeliveryLedger, List<OwedFiring>> due = new LinkedHashMap<>();
        for (DeliveryLedger ledger : book.retryable()) {
            if (!policy.due(ledger, now)) continue;
            List<OwedFiring> owed = new ArrayList<>();
            for (OwedFiring o : ledger.owed()) {
                OwedFiring sendable = sendable(o, alerts, now, tally);
                if (sendable != null) owed.add(sendable);
            }
            due.put(ledger, owed);
        }
        if (fresh.isEmpty() && due.isEmpty()) return tally.report(book.owedChannels());
        if (deadline.expired()) {
            fresh.forEach(book::owe);
            return tally.report(book.owedChannels());
        }
        List<DeliveryLedger> claimed = new ArrayList<>();
        for (ClaimPlanner.Planned plan : planner.plan(fresh, due, states::current, now)) {
            claimed.addAll(claimer.claim(plan, states, now));
        }
        settle(claimed, send(claimed, alerts, deadline), now, tally);
        if (tally.givenUp() > 0) {
            notices.notice("deliveries-given-up", tally.givenUp() + " deliveries given up this run; see the [Delivery] log lines");
        }
        return tally.report(book.owedChannels());
    }

    /**
     * The channels of a firing still worth trying, or null when nothing is: its alert is gone, it has
     * failed for longer than the give-up time, or every channel went unanswered twice.
     */
    private OwedFiring sendable(OwedFiring o, Map<String, Alert> alerts, Instant now, DeliveryTally tally) {
        if (!alerts.containsKey(o.alertId())) {
            log.accept(LOG + "Alert " + o.alertId() + " was deleted: its firing #" + o.firing().fireCount() + " is not sent");
            return null;
        }
        List<OwedChannel> left = new ArrayList<>();
        for (OwedChannel c : o.channels()) {
            if (policy.expired(o.firing(), now)) {
                tally.gaveUp(o, c.name(), "still failing " + policy.giveUpAfter() + " after the firing");
            } else if (c.unanswered() >= RetryPolicy.MAX_UNANSWERED) {
                tally.gaveUp(o, c.name(), "no answer to " + c.unanswered() + " attempts; it may have arrived");
            } else {
                left.add(c);
            }
        }
        return left.isEmpty() ? null : o.withChannels(left);
    }

    private List<SendResult> send(List<DeliveryLedger> claimed, Map<String, Alert> alerts, Deadline deadline) {
        List<Dispatcher.Send> sends = new ArrayList<>();
        for (DeliveryLedger ledger : claimed) {
            for (OwedFiring o : ledger.owed()) {
                Notification n = Notification.of(alerts.get(o.alertId()), o.firing());
                o.channels().forEach(c -> sends.add(new Dispatcher.Send(n, c.name())));
            }
        }
        return dispatcher.sendAll(sends, deadline);
    }

    /** Each claimed ledger rewritten with what its sends left owing (deleted when nothing), results in send order. */
    private void settle(List<DeliveryLedger> claimed, List<SendResult> results, Instant now, DeliveryTally tally) {
        int next = 0;
        for (DeliveryLedger ledger : claimed) {
            List<OwedFiring> left = new ArrayList<>();
            boolean retryNextRun = false;
            Instant retryAt = ledger.nextAttemptAt();
            for (OwedFiring o : ledger.owed()) {
                List<OwedChannel> channels = new ArrayList<>();
                for (OwedChannel c : o.channels()) {
                    SendResult r = results.get(next++);
                    tally.count(o, r);
                    switch (r.outcome()) {
                        case FAILED, NOT_ATTEMPTED -> channels.add(c.plusUnanswered(-1)); // answered, or never sent
                        case UNANSWERED -> channels.add(c);
                        default -> { } // delivered, or rejected for good
                    }
                    retryNextRun |= r.outcome() == SendResult.Outcome.NOT_ATTEMPTED;
                    if (r.retryAfter() != null && now.plus(r.retryAfter()).isAfter(retryAt)) retryAt = now.plus(r.retryAfter());
                }
                if (!channels.isEmpty()) left.add(o.withChannels(channels));
            }
            book.settle(store, ledger.withOwed(left).withNextAttemptAt(retryNextRun ? now : retryAt), log);
        }
    }

    /** Settlements that failed on an earlier run, tried again until they land. */
    private void settleOutstanding() {
        for (DeliveryLedger ledger : book.unsettled()) book.settle(store, ledger, log);
    }

    @Override
    public void close() {
        dispatcher.close();
    }
}
