package dev.stockalerts.market;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The built-in calendars by id, for the MARKET_CALENDAR setting and an alert's own market. */
public final class MarketCalendars {

    /** What MARKET_CALENDAR means when it is not set. */
    public static final String DEFAULT_ID = Xnys.ID;

    private static final Map<String, MarketCalendar> BY_ID = byId(new Xnys(), new AlwaysOpen());

    private MarketCalendars() {}

    /**
     * The calendar named {@code id}, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException naming the valid ids, for a missing or unknown id
     */
    public static MarketCalendar of(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("market calendar is missing; valid: " + String.join(", ", ids()));
        }
        MarketCalendar calendar = BY_ID.get(id.strip().toUpperCase(Locale.ROOT));
        if (calendar == null) {
            throw new IllegalArgumentException(
                    "unknown market calendar '" + id.strip() + "'; valid: " + String.join(", ", ids()));
        }
        return calendar;
    }

    /** The valid ids, in alphabetical order. */
    public static Set<String> ids() {
        return BY_ID.keySet();
    }

    private static Map<String, MarketCalendar> byId(MarketCalendar... calendars) {
        Map<String, MarketCalendar> map = new TreeMap<>();
        for (MarketCalendar c : calendars) map.put(c.id(), c);
        return Collections.unmodifiableMap(map);
    }
}
