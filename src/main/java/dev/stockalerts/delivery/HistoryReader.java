package dev.stockalerts.delivery;

import java.util.List;

/** An alert's trigger history as the API shows it: newest first, a page at a time. */
public interface HistoryReader {

    /** One page; {@code last} is where the next page starts (after it), null on the last page. */
    record Page(List<FiringRecord> records, String last) {}

    /** @param after where to continue (a previous page's {@code last}), or null for the newest */
    Page page(String alertId, int limit, String after);
}
