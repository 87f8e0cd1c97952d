package dev.stockalerts.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockalerts.alert.Alert;
import dev.stockalerts.alert.AlertState;
import dev.stockalerts.state.StateReader;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * /alerts routes. The API writes definitions only: states belong to the scheduled function, so a re-arm is
 * recorded on the definition for the next run to apply, and a deleted alert's state is removed by its next flush.
 */
public final class AlertEndpoints {
    /** Ids are server-made UUIDs (seeded ones look like sim-00001); anything else cannot exist, so 404 without a read. */
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");

    private final AlertDefinitions definitions;
    private final StateReader states;
    private final AlertRequestValidator validator;
    private final Clock clock;

    public AlertEndpoints(AlertDefinitions definitions, StateReader states, AlertRequestValidator validator, Clock clock) {
        this.definitions = definitions;
        this.states = states;
        this.validator = validator;
        this.clock = clock;
    }

    /** POST /alerts → 201 with Location, or 400 naming every invalid field. */
    public ApiResponse create(ApiRequest request) {
        AlertRequestValidator.Validation validation = validator.validate(ApiJson.parseObject(request.body()));
        if (!validation.valid()) return ApiErrors.invalidFields("invalid alert", validation.errors());
        Alert alert = validation.draft().toAlert(UUID.randomUUID().toString(), clock.instant());
        definitions.create(alert);
        // The path the client called (/prod/alerts), so the Location works behind any stage or base path.
        String collection = request.calledPath().replaceAll("/+$", "");
        return ApiResponse.json(201, AlertJson.alert(alert)).withHeader("Location", collection + "/" + alert.id());
    }

    /** GET /alerts → {"alerts":[...]}. */
    public ApiResponse list(ApiRequest request) {
        ObjectNode body = ApiJson.object();
        ArrayNode alerts = body.putArray("alerts");
        definitions.all().forEach(a -> alerts.add(AlertJson.alert(a)));
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

    /** DELETE /alerts/{id} → 204. */
    public ApiResponse delete(ApiRequest request) {
        String id = request.pathParameter("id");
        return ID.matcher(id).matches() && definitions.delete(id) ? ApiResponse.noContent() : notFound(id);
    }

    /** POST /alerts/{id}/rearm → 202: the next scheduled run re-arms it. */
    public ApiResponse rearm(ApiRequest request) {
        String id = request.pathParameter("id");
        Instant now = clock.instant();
        if (!ID.matcher(id).matches() || !definitions.requestRearm(id, now)) return notFound(id);
        return ApiResponse.json(202, ApiJson.object().put("id", id).put("rearmRequestedAt", now.toString()));
    }

    private static ApiResponse notFound(String id) {
        return ApiResponse.json(404, ApiErrors.body("alert not found").put("id", id));
    }
}
