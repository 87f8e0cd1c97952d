package dev.stockalerts.delivery;

import dev.stockalerts.alert.AlertState;

/** The states a claim writes, as the state cache holds them; told what the claim did with each. */
public interface ClaimedStates {

    /** The alert's state in memory, the firing's change included. */
    AlertState current(String alertId);

    /** The claim stored {@code claimed} (as version {@code claimed.version() + 1}). */
    void written(AlertState claimed);

    /** A newer version is stored: a newer container fired first. Adopt it; send nothing. */
    void refused(String alertId);
}
