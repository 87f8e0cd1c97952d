package dev.stockalerts.delivery;

import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.Firing;
import dev.stockalerts.time.Deadline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
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
    private final FiringHistory history;
    private final OperatorNotices notices;
    private final RetryPolicy policy;
    private final Consumer<String> log;
    private final ClaimPlanner planner;
    private final Claimer claimer;
    private final Dispatcher dispatcher;
    private final LedgerBook book = new LedgerBook();

    public Deliveries(LedgerStore store, FiringHistory history, NotificationSender sender, OperatorNotices notices,
                      RetryPolicy policy, int parallelSends, Consumer<String> log) {
        this.store = store;
        this.history = history;
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
        List<FiringRecord> resolved = new ArrayList<>(book.takeUnrecorded());
        claimer.resolveInDoubt(states);
        book.unsettled().forEach(s -> book.settle(store, s, false, log));
        List<OwedFiring> fresh = new ArrayList<>();
        for (OwedFiring o : book.takePending()) {
            OwedFiring sendable = sendable(o, alerts, now, tally, resolved);
            if (sendable != null) fresh.add(sendable);
        }
        Map<DeliveryLedger, List<OwedFiring>> due = new LinkedHashMap<>();
        for (DeliveryLedger ledger : book.retryable()) {
            if (!policy.due(ledger, now)) continue;
            List<OwedFiring> owed = new ArrayList<>();
            for (OwedFiring o : ledger.owed()) {
                OwedFiring sendable = sendable(o, alerts, now, tally, resolved);
                if (sendable != null) owed.add(sendable);
            }
            due.put(ledger, owed);
        }
        if (deadline.expired()) { // no time to send: claim nothing, what is owed stays owed
            fresh.forEach(book::owe);
            fresh.clear();
            due.clear();
        }
        List<DeliveryLedger> claimed = new ArrayList<>();
        if (!fresh.isEmpty() || !due.isEmpty()) {
            for (ClaimPlanner.Planned plan : planner.plan(fresh, due, states::current, now)) {
                claimed.addAll(claimer.claim(plan, states, now));
            }
            settle(claimed, send(claimed, alerts, deadline), now, tally);
        }
        if (!resolved.isEmpty()) book.unrecorded(history.record(resolved));
        if (tally.givenUp() > 0) {
            notices.notice("deliveries-given-up", tally.givenUp() + " deliveries given up this run; see the [Delivery] log lines");
        }
        return tally.report(book.owedChannels());
    }

    /**
     * The channels of a firing still worth trying, or null when nothing is: its alert is gone, it has failed for
     * longer than the give-up time, or every channel went unanswered twice. A firing with nothing left to try is
     * settled here, its record added to {@code resolved}.
     */
    private OwedFiring sendable(OwedFiring o, Map<String, Alert> alerts, Instant now, DeliveryTally tally,
                                List<FiringRecord> resolved) {
        if (!alerts.containsKey(o.alertId())) {
            log.accept(LOG + "Alert " + o.alertId() + " was deleted: its firing #" + o.firing().fireCount() + " is not sent");
            return null;
        }
        List<OwedChannel> left = new ArrayList<>();
        List<ChannelOutcome> givenUp = new ArrayList<>();
        for (OwedChannel c : o.channels()) {
            String why = policy.expired(o.firing(), now) ? "still failing " + policy.giveUpAfter() + " after the firing"
                    : c.unanswered() >= RetryPolicy.MAX_UNANSWERED ? "no answer to " + c.unanswered() + " attempts; it may have arrived"
                    : null;
            if (why == null) {
                left.add(c);
            } else {
                tally.gaveUp(o, c.name(), why);
                givenUp.add(new ChannelOutcome(c.name(), ChannelOutcome.Status.GIVEN_UP, why));
            }
        }
        OwedFiring rest = o.settling(left, givenUp);
        if (!left.isEmpty()) return rest;
        resolved.add(rest.record());
        return null;
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

    /**
     * Each claimed ledger rewritten with what its sends left owing (deleted when nothing), with the history of
     * every firing in it; results come in send order.
     */
    private void settle(List<DeliveryLedger> claimed, List<SendResult> results, Instant now, DeliveryTally tally) {
        int next = 0;
        for (DeliveryLedger ledger : claimed) {
            List<OwedFiring> left = new ArrayList<>();
            List<FiringRecord> records = new ArrayList<>();
            boolean retryNextRun = false;
            Instant askedAfter = null;
            for (OwedFiring o : ledger.owed()) {
                List<OwedChannel> owed = new ArrayList<>();
                List<ChannelOutcome> settled = new ArrayList<>();
                for (OwedChannel c : o.channels()) {
                    SendResult r = results.get(next++);
                    tally.count(o, r);
                    switch (r.outcome()) {
                        case DELIVERED -> settled.add(new ChannelOutcome(c.name(), ChannelOutcome.Status.DELIVERED, null));
                        case REJECTED -> settled.add(new ChannelOutcome(c.name(), ChannelOutcome.Status.GIVEN_UP, r.reason()));
                        case FAILED, NOT_ATTEMPTED -> owed.add(c.plusUnanswered(-1)); // answered, or never sent
                        case UNANSWERED -> owed.add(c);
                    }
                    retryNextRun |= r.outcome() == SendResult.Outcome.NOT_ATTEMPTED;
                    if (r.retryAfter() != null && (askedAfter == null || now.plus(r.retryAfter()).isAfter(askedAfter))) {
                        askedAfter = now.plus(r.retryAfter());
                    }
                }
                OwedFiring after = o.settling(owed, settled);
                // A retried firing that settled nothing reads as before: its record need not be written again.
                if (ledger.attempt() == 0 || !settled.isEmpty()) records.add(after.record());
                if (!owed.isEmpty()) left.add(after);
            }
            Instant retryAt = retryTime(ledger, left, askedAfter);
            DeliveryLedger settled = ledger.withOwed(left).withNextAttemptAt(retryNextRun ? now : retryAt);
            book.settle(store, new LedgerBook.Settlement(settled, records), true, log);
        }
    }

    /**
     * A new ledger whose channels an older ledger is already retrying joins that retry (they merge then), so a channel
     * that stays down costs one retry per backoff step, not one per firing; otherwise its own backoff. A target's own
     * retry-after wins when later.
     */
    private Instant retryTime(DeliveryLedger ledger, List<OwedFiring> left, Instant askedAfter) {
        Instant retryAt = ledger.nextAttemptAt();
        if (ledger.attempt() == 0 && !left.isEmpty()) {
            Set<String> channels = new HashSet<>();
            left.forEach(o -> o.channels().forEach(c -> channels.add(c.name())));
            retryAt = book.retryOfOther(ledger.id(), channels).orElse(retryAt);
        }
        return askedAfter != null && askedAfter.isAfter(retryAt) ? askedAfter : retryAt;
    }

    @Override
    public void close() {
        dispatcher.close();
    }
}
