package dev.stockalerts.state;

import dev.stockalerts.alert.AlertState;

import java.util.List;
import java.util.Optional;

/** Reads single alert states. All the API may do with states: the scheduled function is their only writer. */
public interface StateReader {

    /** One state read strongly; empty when the alert was never stored (e.g. not yet evaluated). */
    Optional<AlertState> load(String alertId);

    /** Channels the alert's firings still owe, from the delivery ledgers (read strongly). */
    List<String> owedChannels(String alertId);
}
