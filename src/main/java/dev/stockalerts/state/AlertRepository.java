package dev.stockalerts.state;

import dev.stockalerts.alert.Alert;

import java.util.List;

/** Alert definitions. The API writes them; the scheduled function reads them in bulk. */
public interface AlertRepository {
    List<Alert> loadAll();
}
