package dev.stockalerts.delivery;

import dev.stockalerts.alert.AlertState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Packs what is owed into claims the store takes: new firings with their states and one new ledger,
 * due ledgers merged into as few as possible (fewer ledgers, fewer retries to pay for). Every channel
 * about to be tried counts one unanswered attempt up front, so a container that dies while sending
 * leaves that attempt on record.
 */
final class ClaimPlanner {
    /** Firings per ledger: keeps an item a few KB (DynamoDB bills writes per KB) and far below its 400 KB limit. */
    static final int MAX_FIRINGS_PER_LEDGER = 100;

    /**
     * A claim to make, with what went into it: the new firings, and the retried ledgers (as stored) with
     * what each still owes, so a claim partly refused can be planned again without the refused parts.
     */
    record Planned(Claim claim, List<OwedFiring> fresh, Map<DeliveryLedger, List<OwedFiring>> retried) {}

    private final RetryPolicy policy;
    private final int maxItems;

    ClaimPlanner(RetryPolicy policy, int maxItems) {
        if (maxItems < 2) throw new IllegalArgumentException("a claim must take a state and its ledger");
        this.policy = policy;
        this.maxItems = Math.min(maxItems, MAX_FIRINGS_PER_LEDGER + 1);
    }

    /**
     * @param fresh new firings to claim (channels not yet counted)
     * @param due   retried ledgers as stored, with what they still owe filtered (given-up channels removed)
     */
    List<Planned> plan(List<OwedFiring> fresh, Map<DeliveryLedger, List<OwedFiring>> due,
                       Function<String, AlertState> states, Instant now) {
        List<Planned> units = new ArrayList<>();
        for (int from = 0; from < fresh.size(); ) {
            List<OwedFiring> chunk = new ArrayList<>();
            Map<String, AlertState> claimed = new LinkedHashMap<>();
            while (from < fresh.size()) {
                OwedFiring next = fresh.get(from);
                boolean newState = !claimed.containsKey(next.alertId());
                if (chunk.size() == MAX_FIRINGS_PER_LEDGER || (newState && claimed.size() + 1 >= maxItems)) break;
                if (newState) claimed.put(next.alertId(), states.apply(next.alertId()));
                chunk.add(next);
                from++;
            }
            DeliveryLedger ledger = new DeliveryLedger(now + "#" + UUID.randomUUID().toString().substring(0, 8), 0, "",
                    policy.nextAttempt(0, now), chunk.stream().map(ClaimPlanner::counted).toList());
            units.add(new Planned(new Claim("", List.copyOf(claimed.values()),
                    List.of(new Claim.LedgerWrite(ledger, null)), List.of()), chunk, Map.of()));
        }
        units.addAll(merged(due, now));
        return pack(units);
    }

    /** Due ledgers in groups of at most the item and firing limits, each group kept under its first ledger's id. */
    private List<Planned> merged(Map<DeliveryLedger, List<OwedFiring>> due, Instant now) {
        List<Planned> units = new ArrayList<>();
        Map<DeliveryLedger, List<OwedFiring>> group = new LinkedHashMap<>();
        int firings = 0;
        for (Map.Entry<DeliveryLedger, List<OwedFiring>> e : due.entrySet()) {
            if (!group.isEmpty() && (group.size() + 1 > maxItems || firings + e.getValue().size() > MAX_FIRINGS_PER_LEDGER)) {
                units.add(retry(group, now));
                group = new LinkedHashMap<>();
                firings = 0;
            }
            group.put(e.getKey(), e.getValue());
            firings += e.getValue().size();
        }
        if (!group.isEmpty()) units.add(retry(group, now));
        return units;
    }

    /** A group rewritten under its first ledger's id and the rest deleted; all deleted when nothing is left to send. */
    private Planned retry(Map<DeliveryLedger, List<OwedFiring>> group, Instant now) {
        List<DeliveryLedger> ledgers = List.copyOf(group.keySet());
        List<OwedFiring> owed = group.values().stream().flatMap(List::stream).toList();
        List<Claim.LedgerWrite> deletes = new ArrayList<>();
        for (DeliveryLedger l : owed.isEmpty() ? ledgers : ledgers.subList(1, ledgers.size())) deletes.add(new Claim.LedgerWrite(l, l.attempt()));
        if (owed.isEmpty()) return new Planned(new Claim("", List.of(), List.of(), deletes), List.of(), group);
        DeliveryLedger keeper = ledgers.get(0);
        long attempt = ledgers.stream().mapToLong(DeliveryLedger::attempt).max().orElse(0) + 1;
        DeliveryLedger rewritten = new DeliveryLedger(keeper.id(), attempt, "", policy.nextAttempt(attempt, now),
                owed.stream().map(ClaimPlanner::counted).toList());
        return new Planned(new Claim("", List.of(), List.of(new Claim.LedgerWrite(rewritten, keeper.attempt())), deletes),
                List.of(), group);
    }

    /** Units packed greedily into claims of at most {@code maxItems}; each claim gets its id, written on its ledgers. */
    private List<Planned> pack(List<Planned> units) {
        List<Planned> claims = new ArrayList<>();
        List<Planned> current = new ArrayList<>();
        int items = 0;
        for (Planned unit : units) {
            if (!current.isEmpty() && items + unit.claim().items() > maxItems) {
                claims.add(combine(current));
                current = new ArrayList<>();
                items = 0;
            }
            current.add(unit);
            items += unit.claim().items();
        }
        if (!current.isEmpty()) claims.add(combine(current));
        return claims;
    }

    private static Planned combine(List<Planned> units) {
        String id = UUID.randomUUID().toString();
        List<AlertState> states = new ArrayList<>();
        List<Claim.LedgerWrite> puts = new ArrayList<>();
        List<Claim.LedgerWrite> deletes = new ArrayList<>();
        List<OwedFiring> fresh = new ArrayList<>();
        Map<DeliveryLedger, List<OwedFiring>> retried = new LinkedHashMap<>();
        for (Planned u : units) {
            states.addAll(u.claim().states());
            u.claim().puts().forEach(w -> puts.add(new Claim.LedgerWrite(withClaim(w.ledger(), id), w.expectedAttempt())));
            deletes.addAll(u.claim().deletes());
            fresh.addAll(u.fresh());
            retried.putAll(u.retried());
        }
        return new Planned(new Claim(id, states, puts, deletes), fresh, retried);
    }

    private static DeliveryLedger withClaim(DeliveryLedger l, String claimId) {
        return new DeliveryLedger(l.id(), l.attempt(), claimId, l.nextAttemptAt(), l.owed());
    }

    /** Every channel about to be tried counts as unanswered until its answer says otherwise. */
    private static OwedFiring counted(OwedFiring o) {
        return o.withChannels(o.channels().stream().map(c -> c.plusUnanswered(1)).toList());
    }
}
