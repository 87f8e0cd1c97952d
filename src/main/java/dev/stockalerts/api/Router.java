package dev.stockalerts.api;

import dev.stockalerts.time.DeadlineContext;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Method + path template routing ({@code /alerts/{id}}). An unknown path answers 404, a known path with
 * another method 405 with {@code Allow}; a body over {@link #MAX_BODY_BYTES} 413 before anything reads it;
 * a {@link BadRequest} or {@link InvalidRequest} becomes 400, anything else unexpected 500.
 */
public final class Router {
    /** Far more than any alert needs (a few hundred bytes); parsing and echoing stay cheap whatever is sent. */
    public static final long MAX_BODY_BYTES = 64 * 1024;

    /**
     * One endpoint: e.g. GET /alerts/{id}. {@code tooLarge} answers a body over {@link #MAX_BODY_BYTES} instead of the
     * usual 413, without the body being read (null: 413), for a caller that would only resend it on a 413.
     */
    public record Route(String method, String template, Function<ApiRequest, ApiResponse> endpoint,
                        Function<ApiRequest, ApiResponse> tooLarge) {
        public Route {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(endpoint, "endpoint");
            if (!template.startsWith("/")) throw new IllegalArgumentException("template must start with /: " + template);
        }

        public Route(String method, String template, Function<ApiRequest, ApiResponse> endpoint) {
            this(method, template, endpoint, null);
        }

        /** The captured parameters if the path fits this template, else null. */
        Map<String, String> match(List<String> segments) {
            List<String> parts = Router.segments(template);
            if (parts.size() != segments.size()) return null;
            Map<String, String> captured = new HashMap<>();
            for (int i = 0; i < parts.size(); i++) {
                String part = parts.get(i);
                if (part.startsWith("{") && part.endsWith("}")) captured.put(part.substring(1, part.length() - 1), decode(segments.get(i)));
                else if (!part.equals(segments.get(i))) return null;
            }
            return captured;
        }
    }

    private final List<Route> routes;
    private final DeadlineContext deadlines;
    private final Consumer<String> log;

    /** @param deadlines the context the container's DynamoDB client caps its calls by: each request runs within its own */
    public Router(List<Route> routes, DeadlineContext deadlines, Consumer<String> log) {
        this.routes = List.copyOf(routes);
        this.deadlines = deadlines;
        this.log = log;
    }

    /**
     * Matches API Gateway's resource (/alerts/{id}) when the event names one: unlike the path it never carries a
     * custom domain's base path. Without it (direct invocation, tests) the path itself is matched.
     */
    public ApiResponse handle(ApiRequest request) {
        boolean byResource = request.resource() != null && !request.resource().contains("+}");
        List<String> segments = segments(byResource ? request.resource() : request.path());
        TreeSet<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Map<String, String> captured = route.match(segments);
            if (captured == null) continue;
            if (route.method().equals(request.method())) {
                return run(route, byResource ? request : request.withCapturedParameters(captured));
            }
            allowed.add(route.method());
        }
        return allowed.isEmpty()
                ? ApiErrors.noRoute(request.method(), request.path())
                : ApiErrors.methodNotAllowed(request.method(), allowed);
    }

    private ApiResponse run(Route route, ApiRequest request) {
        boolean tooLarge = request.bodyBytes() > MAX_BODY_BYTES;
        if (tooLarge && route.tooLarge() == null) return ApiErrors.tooLarge(MAX_BODY_BYTES);
        Function<ApiRequest, ApiResponse> endpoint = tooLarge ? route.tooLarge() : route.endpoint();
        try {
            return deadlines.within(request.deadline(), () -> endpoint.apply(request));
        } catch (BadRequest e) {
            return ApiErrors.badRequest(e.getMessage());
        } catch (InvalidRequest e) {
            return ApiErrors.invalidFields(e.getMessage(), e.fields());
        } catch (RuntimeException e) {
            // The caller learns nothing internal; the log keeps the cause and where in our code it was thrown.
            log.accept("[API] " + request.method() + " " + request.path() + " failed: " + e + thrownAt(e)
                    + (e.getCause() == null ? "" : " (cause: " + e.getCause() + ")"));
            return ApiErrors.internal();
        }
    }

    /** The first frame in this service's code (a library's own frame rarely says which call went wrong). */
    private static String thrownAt(Throwable e) {
        StackTraceElement[] frames = e.getStackTrace();
        for (StackTraceElement frame : frames) {
            if (frame.getClassName().startsWith("dev.stockalerts.")) return " at " + frame;
        }
        return frames.length == 0 ? "" : " at " + frames[0];
    }

    /** Path segments arrive percent-encoded (/stock/%5EGSPC); a "+" in a path is a plus, not a space. */
    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return segment; // left as sent: validation then names it
        }
    }

    /** Path segments; empty ones (a trailing or doubled slash) are ignored. */
    static List<String> segments(String path) {
        List<String> result = new ArrayList<>();
        Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).forEach(result::add);
        return result;
    }
}
