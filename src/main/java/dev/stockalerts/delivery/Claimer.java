package dev.stockalerts.delivery;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Makes claims and learns their outcome: a claim partly refused is made again without the refused parts,
 * a failed one leaves its firings for the next run, and one in doubt is read back on the next run before
 * anything else, never guessed.
 */
final class Claimer {
    private static final String LOG = "[Delivery] ";

    private final LedgerStore store;
    private final LedgerBook book;
    private final ClaimPlanner planner;
    private final Consumer<String> log;

    Claimer(LedgerStore store, LedgerBook book, ClaimPlanner planner, Consumer<String> log) {
        this.store = store;
        this.book = book;
        this.planner = planner;
        this.log = log;
    }

    /** The ledgers the claim wrote, whose deliveries may now be sent; none unless it committed. */
    List<DeliveryLedger> claim(ClaimPlanner.Planned plan, ClaimedStates states, Instant now) {
        while (plan != null) {
            ClaimResult result = store.claim(plan.claim());
            switch (result.status()) {
                case COMMITTED -> {
                    plan.claim().states().forEach(states::written);
                    book.committed(plan);
                    return plan.claim().puts().stream().map(Claim.LedgerWrite::ledger).toList();
                }
                case FAILED -> {
                    log.accept(LOG + "Claim of " + plan.claim().items() + " items failed; its firings are claimed next run");
                    plan.fresh().forEach(book::owe);
                    return List.of();
                }
                case IN_DOUBT -> {
                    log.accept(LOG + "Claim " + plan.claim().id() + " may or may not have committed; reading it back next run");
                    book.inDoubt(plan);
                    return List.of();
                }
                case REFUSED -> plan = without(plan, result, states, now);
            }
        }
        return List.of();
    }

    /** The same claim without what was refused, or null when nothing is left (or it must wait for the next run). */
    private ClaimPlanner.Planned without(ClaimPlanner.Planned plan, ClaimResult refused, ClaimedStates states, Instant now) {
        refused.refusedStates().forEach(states::refused);
        refused.refusedLedgers().forEach(id -> {
            log.accept(LOG + "Ledger " + id + " is being retried by another container; leaving it to that one");
            book.forget(id);
        });
        List<OwedFiring> fresh = plan.fresh().stream().filter(o -> !refused.refusedStates().contains(o.alertId())).toList();
        Map<DeliveryLedger, List<OwedFiring>> due = new LinkedHashMap<>(plan.retried());
        due.keySet().removeIf(l -> refused.refusedLedgers().contains(l.id()));
        boolean progress = fresh.size() < plan.fresh().size() || due.size() < plan.retried().size();
        if (fresh.isEmpty() && due.isEmpty()) return null;
        List<ClaimPlanner.Planned> again = planner.plan(fresh, due, states::current, now);
        if (progress && again.size() == 1) return again.get(0);
        fresh.forEach(book::owe); // refused without naming what: claim again next run rather than loop
        return null;
    }

    /** Claims whose outcome the store never told: one of their ledgers read back says whether they committed. */
    void resolveInDoubt(ClaimedStates states) {
        for (ClaimPlanner.Planned plan : book.inDoubt()) {
            Claim claim = plan.claim();
            boolean committed;
            try {
                committed = claim.puts().isEmpty()
                        ? store.ledger(claim.deletes().get(0).ledger().id()).isEmpty()
                        : store.ledger(claim.puts().get(0).ledger().id()).map(l -> claim.id().equals(l.claim())).orElse(false);
            } catch (RuntimeException e) {
                log.accept(LOG + "Claim " + claim.id() + " is still in doubt (read-back failed: " + e.getMessage() + ")");
                return;
            }
            book.resolved(plan, committed);
            if (committed) claim.states().forEach(states::written);
            log.accept(LOG + "Claim " + claim.id() + (committed ? " had committed: its deliveries are retried when due"
                    : " had not committed: its firings are claimed again"));
        }
    }
}
