package dev.stockalerts.check;

/** Counts what the store's calls cost, as the store itself reports it: read before and after a run to bill the run. */
public interface UsageMeter {
    StoreUsage snapshot();
}
