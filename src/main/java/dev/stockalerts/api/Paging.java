package dev.stockalerts.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The query of a paged list, {@code ?limit=N&next=TOKEN}: how many items (default 100, at most 1,000) and where to
 * continue (null: from the first). Anything else in the query is refused, so a misspelt "limt" is a 400 rather than
 * a silent default.
 */
record Paging(int limit, String after) {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final Set<String> PARAMETERS = Set.of("limit", "next");

    static Paging from(Map<String, String> query, String list, PageTokens tokens) {
        Map<String, String> problems = new LinkedHashMap<>();
        query.keySet().stream().filter(name -> !PARAMETERS.contains(name)).forEach(name -> problems.put(name, "unknown parameter"));
        int limit = DEFAULT_LIMIT;
        String given = query.get("limit");
        if (given != null) {
            limit = given.matches("[0-9]{1,4}") ? Integer.parseInt(given) : -1;
            if (limit < 1 || limit > MAX_LIMIT) problems.put("limit", "must be a whole number from 1 to " + MAX_LIMIT);
        }
        if (!problems.isEmpty()) throw new InvalidRequest("invalid query parameters", problems);
        String next = query.get("next");
        return new Paging(limit, next == null ? null : tokens.open(list, next, "next"));
    }
}
