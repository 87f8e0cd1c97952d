package dev.stockalerts.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockalerts.delivery.ChannelOutcome;
import dev.stockalerts.delivery.FiringRecord;
import dev.stockalerts.delivery.HistoryReader;
import dev.stockalerts.manage.AlertDefinitions;

/**
 * GET /alerts/{id}/history?limit=N&next=TOKEN → the alert's firings, newest first: when, at what price, what crossed
 * the level (the last price or the day's high or low), and each channel's outcome. Paged like the alert list, with
 * tokens bound to this alert's history.
 */
public final class HistoryEndpoint {
    private final AlertDefinitions definitions;
    private final HistoryReader history;
    private final PageTokens tokens;

    public HistoryEndpoint(AlertDefinitions definitions, HistoryReader history, PageTokens tokens) {
        this.definitions = definitions;
        this.history = history;
        this.tokens = tokens;
    }

    public ApiResponse list(ApiRequest request) {
        String id = request.pathParameter("id");
        if (!AlertEndpoints.ID.matcher(id).matches()) return AlertEndpoints.notFound(id);
        String list = "history:" + id;
        Paging paging = Paging.from(request.query(), list, tokens);
        if (definitions.get(id).isEmpty()) return AlertEndpoints.notFound(id);
        HistoryReader.Page page = history.page(id, paging.limit(), paging.after());
        ObjectNode body = ApiJson.object();
        ArrayNode firings = body.putArray("history");
        page.records().forEach(r -> firings.add(json(r)));
        if (page.last() != null) body.put("next", tokens.issue(list, page.last()));
        return ApiResponse.json(200, body);
    }

    private static ObjectNode json(FiringRecord r) {
        ObjectNode json = ApiJson.object();
        json.put("firedAt", r.firing().firedAt().toString());
        json.put("fireCount", r.firing().fireCount());
        json.put("price", r.firing().price());
        json.put("trigger", r.firing().trigger().name());
        ArrayNode channels = json.putArray("channels");
        for (ChannelOutcome c : r.channels()) {
            ObjectNode channel = channels.addObject().put("channel", c.channel()).put("status", c.status().name());
            if (c.detail() != null) channel.put("detail", c.detail());
        }
        return json;
    }
}
