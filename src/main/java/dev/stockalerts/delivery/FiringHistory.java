package dev.stockalerts.delivery;

import java.util.List;

/** Where firings are recorded for their alert's history (kept for a while, then expired by the store). */
public interface FiringHistory {

    /** Writes (or overwrites) each firing's record; returns those the store could not take, to be tried again. */
    List<FiringRecord> record(List<FiringRecord> records);
}
