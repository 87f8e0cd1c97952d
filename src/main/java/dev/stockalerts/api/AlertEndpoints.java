package dev.stockalerts.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.AlertState;
import dev.stockalerts.manage.AlertAdmin;
import dev.stockalerts.manage.AlertDefinitions;
import dev.stockalerts.manage.AlertReferences;
import dev.stockalerts.manage.TimeOrderedIds;
import dev.stockalerts.state.StateReader;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * /alerts routes. The API writes definitions only: states belong to the scheduled function, so a re-arm or an edit
 * is recorded on the definition for the next run to apply, and a deleted alert's state is removed by its next flush.
 */
public final class AlertEndpoints {
    /** Ids are server-made UUIDs (seeded ones look like sim-00001); anything else cannot exist, so 404 without a read. */
    static final Pattern ID = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");
    /** The name the alert list's page tokens are bound to. */
    static final String LIST = "alerts";

    private final AlertDefinitions definitions;
    private final StateReader states;
    private final AlertReferences references;
    private final PageTokens tokens;
    private final Clock clock;

    public AlertEndpoints(AlertDefinitions definitions, StateReader states, AlertReferences references, PageTokens tokens,
                          Clock clock) {
        this.definitions = definitions;
        this.states = states;
        this.references = references;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** POST /alerts → 201 with Location; 400 naming the invalid fields; 409 at MAX_ALERTS. */
    public ApiResponse create(ApiRequest request) {
        AlertRequest alert = AlertRequest.read(ApiJson.parseObject(request.body()));
        Map<String, String> problems = alert.problems();
        references.problems(problems.containsKey("symbol") ? null : alert.symbol(), alert.channels(), request.deadline())
                .forEach(problems::putIfAbsent);
        if (!problems.isEmpty()) throw new InvalidRequest("invalid alert", problems);
        Instant now = clock.instant();
        Alert created = alert.toAlert(TimeOrderedIds.next(now), now);
        if (!definitions.create(created, request.deadline())) {
            return ApiResponse.json(409, ApiErrors.body("too many alerts").put("maxAlerts", definitions.maxAlerts())
                    .put("hint", "delete alerts no longer needed; the operator sets the limit (MAX_ALERTS)"));
        }
        // The path the client called (/prod/alerts), so the Location works behind any stage or base path.
        String collection = request.calledPath().replaceAll("/+$", "");
        return ApiResponse.json(201, AlertJson.alert(created)).withHeader("Location", collection + "/" + created.id());
    }

    /**
     * GET /alerts?limit=N&next=TOKEN → {"alerts":[...], "next": TOKEN (absent on the last page)}. Tokens are bound to
     * the shard layout too: one issued before ALERT_SHARDS changed is refused (400), not misread.
     */
    public ApiResponse list(ApiRequest request) {
        String layout = definitions.pageLayout();
        String list = layout.isEmpty() ? LIST : LIST + " over " + layout;
        Paging paging = Paging.from(request.query(), list, tokens);
        AlertAdmin.Page page = definitions.page(paging.limit(), paging.after());
        ObjectNode body = ApiJson.object();
        ArrayNode alerts = body.putArray("alerts");
        page.alerts().forEach(a -> alerts.add(AlertJson.alert(a)));
        if (page.last() != null) body.put("next", tokens.issue(list, page.last()));
        return ApiResponse.json(200, body);
    }

    /** GET /alerts/{id} → the alert with its last stored state (initial when never stored). */
    public ApiResponse get(ApiRequest request) {
        String id = request.pathParameter("id");
        Optional<Alert> alert = ID.matcher(id).matches() ? definitions.get(id) : Optional.empty();
        if (alert.isEmpty()) return notFound(id);
        AlertState state = states.load(id).orElse(AlertState.initial(id));
        ObjectNode body = AlertJson.alert(alert.get());
        body.set("state", AlertJson.state(state, states.owedChannels(id)));
        return ApiResponse.json(200, body);
    }

    /**
     * PATCH /alerts/{id} with a JSON merge patch (RFC 7396) of the alert as GET shows it → 200 with the alert.
     * The merged alert is validated exactly like a create; the symbol and the read-only fields stay as they are.
     */
    public ApiResponse edit(ApiRequest request) {
        String id = request.pathParameter("id");
        if (!ID.matcher(id).matches()) return notFound(id);
        ObjectNode patch = ApiJson.parseObject(request.body());
        Optional<Alert> edited = definitions.edit(id, current -> merged(current, patch), request.deadline());
        return edited.map(a -> ApiResponse.json(200, AlertJson.alert(a))).orElseGet(() -> notFound(id));
    }

    private Alert merged(Alert current, ObjectNode patch) {
        ObjectNode shown = AlertJson.alert(current);
        ObjectNode merged = (ObjectNode) JsonMergePatch.apply(shown, patch);
        Map<String, String> problems = new LinkedHashMap<>();
        for (String field : AlertJson.READ_ONLY) {
            if (!sameValue(shown.get(field), merged.remove(field))) problems.put(field, "cannot be changed");
        }
        AlertRequest alert = AlertRequest.read(merged);
        alert.problems().forEach(problems::putIfAbsent);
        if (!problems.containsKey("symbol") && !current.symbol().equals(alert.symbol())) {
            problems.put("symbol", "cannot be changed; create an alert for " + alert.symbol() + " instead");
        }
        references.channelProblems(alert.channels()).forEach(problems::putIfAbsent);
        if (!problems.isEmpty()) throw new InvalidRequest("invalid alert", problems);
        return alert.applyTo(current);
    }

    /** 3 and 3.0 are the same revision, and a null sent for a null shown is no change; else compared as JSON. */
    private static boolean sameValue(JsonNode shown, JsonNode sent) {
        if (shown == null || shown.isNull()) return sent == null || sent.isNull();
        if (sent != null && shown.isNumber() && sent.isNumber()) return shown.decimalValue().compareTo(sent.decimalValue()) == 0;
        return shown.equals(sent);
    }

    /** DELETE /alerts/{id} → 204. */
    public ApiResponse delete(ApiRequest request) {
        String id = request.pathParameter("id");
        return ID.matcher(id).matches() && definitions.delete(id, request.deadline()) ? ApiResponse.noContent() : notFound(id);
    }

    /** POST /alerts/{id}/rearm → 202: the next scheduled run re-arms it. */
    public ApiResponse rearm(ApiRequest request) {
        String id = request.pathParameter("id");
        Instant now = clock.instant();
        if (!ID.matcher(id).matches() || !definitions.requestRearm(id, now, request.deadline())) return notFound(id);
        return ApiResponse.json(202, ApiJson.object().put("id", id).put("rearmRequestedAt", now.toString()));
    }

    static ApiResponse notFound(String id) {
        return ApiResponse.json(404, ApiErrors.body("alert not found").put("id", ApiErrors.shortened(id)));
    }
}
