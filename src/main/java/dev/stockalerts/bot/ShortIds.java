package dev.stockalerts.bot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Alert ids as a chat shows them: their last characters, at least {@link #MIN_LENGTH} and more where two of the chat's
 * alerts share an ending, so each is unambiguous among them. The ids' last characters are random (UUID version 7).
 */
public final class ShortIds {
    static final int MIN_LENGTH = 6;

    private ShortIds() {}

    /** Each id's short form, in the ids' order. */
    public static Map<String, String> of(List<String> ids) {
        Map<String, String> shown = new LinkedHashMap<>();
        for (String id : ids) {
            int length = Math.min(MIN_LENGTH, id.length());
            while (length < id.length() && sharedEnding(id, length, ids)) length++;
            shown.put(id, id.substring(id.length() - length));
        }
        return shown;
    }

    private static boolean sharedEnding(String id, int length, List<String> ids) {
        String ending = id.substring(id.length() - length).toLowerCase(Locale.ROOT);
        return ids.stream().anyMatch(other -> !other.equals(id) && other.toLowerCase(Locale.ROOT).endsWith(ending));
    }

    /** The ids {@code ref} names: the one it equals, else those ending with it (any case). */
    public static List<String> matching(String ref, List<String> ids) {
        String wanted = ref.toLowerCase(Locale.ROOT);
        for (String id : ids) if (id.equalsIgnoreCase(ref)) return List.of(id);
        List<String> found = new ArrayList<>();
        for (String id : ids) if (id.toLowerCase(Locale.ROOT).endsWith(wanted)) found.add(id);
        return found;
    }
}
