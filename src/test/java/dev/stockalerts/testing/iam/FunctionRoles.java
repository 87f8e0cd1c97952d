package dev.stockalerts.testing.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockalerts.testing.SamTemplate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every AWS request the functions make in this test JVM, held against their roles in template.yaml as IAM would
 * hold it. Each function container gets its own principal (the access key id its SDK clients sign with, or a label
 * on an in-process client); every request signed by a principal of a function is evaluated against that function's
 * policy, configured as the container was. Requests of anything else (a test's own setup client) are not checked.
 * {@link EveryRequestAllowed} fails the test that made a request the role would deny.
 */
public final class FunctionRoles {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/");
    private static final DynamoIamRequests DYNAMO = new DynamoIamRequests(RolePolicy.REGION, RolePolicy.ACCOUNT);
    private static final AtomicInteger PRINCIPALS = new AtomicInteger();
    private static final Map<String, RolePolicy> ROLES = new ConcurrentHashMap<>();
    private static final List<String> DENIED = new CopyOnWriteArrayList<>();
    /** What the functions were allowed to do, in order, shaped (ids replaced), for tests that show what was covered. */
    private static final List<String> ALLOWED = new CopyOnWriteArrayList<>();
    private static volatile SamTemplate template;

    private FunctionRoles() {}

    /**
     * A new principal for a container of {@code function} (template.yaml's logical id) configured with {@code env}:
     * the access key id its clients sign with.
     */
    public static String principal(String function, Map<String, String> env) {
        String principal = "AKIA" + function.toUpperCase() + PRINCIPALS.incrementAndGet();
        ROLES.put(principal, RolePolicy.of(template(), function, env));
        return principal;
    }

    /** The logical id of the function whose handler is {@code handler} (Class::method), from template.yaml. */
    public static String functionOf(String handler) {
        for (String id : template().resourcesOfType("AWS::Serverless::Function")) {
            if (handler.equals(template().properties(id).get("Handler"))) return id;
        }
        return null;
    }

    /** The principal that signed a request, from its SigV4 {@code Authorization} header; null if unsigned. */
    public static String signer(String authorization) {
        if (authorization == null) return null;
        Matcher m = CREDENTIAL.matcher(authorization);
        return m.find() ? m.group(1) : null;
    }

    /** A DynamoDB call as sent (operation from X-Amz-Target, JSON body), by {@code principal}. */
    public static void dynamo(String principal, String operation, byte[] body) {
        RolePolicy role = principal == null ? null : ROLES.get(principal);
        if (role == null || operation.isEmpty()) return;
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            DENIED.add(role.function() + ": an unreadable DynamoDB " + operation + " request");
            return;
        }
        DYNAMO.of(operation, json).forEach(request -> authorize(role, request));
    }

    /** Any other AWS request, by {@code principal}. */
    public static void call(String principal, IamRequest request) {
        RolePolicy role = principal == null ? null : ROLES.get(principal);
        if (role != null) authorize(role, request);
    }

    private static void authorize(RolePolicy role, IamRequest request) {
        if (role.allows(request)) ALLOWED.add(shape(role.function(), request));
        else DENIED.add(role.function() + " would be denied " + request);
    }

    /** The denials recorded since the last call, emptied. */
    public static List<String> takeDenials() {
        List<String> taken = new ArrayList<>(DENIED);
        DENIED.removeAll(taken);
        return taken;
    }

    /** Where the record of allowed requests stands now, for {@link #allowedSince}. */
    public static int mark() {
        return ALLOWED.size();
    }

    /** What the functions were allowed since {@code mark}, e.g. {@code StockApiFunction dynamodb:Query [HISTORY#*]}. */
    public static Set<String> allowedSince(int mark) {
        return new TreeSet<>(ALLOWED.subList(mark, ALLOWED.size()));
    }

    private static String shape(String function, IamRequest request) {
        Set<String> keys = new TreeSet<>();
        for (String key : request.context().getOrDefault(DynamoIamRequests.LEADING_KEYS, Set.of())) {
            int hash = key.indexOf('#');
            keys.add(hash < 0 ? key : key.substring(0, hash + 1) + "*");
        }
        String resource = request.resource().substring(request.resource().lastIndexOf(':') + 1);
        return function + " " + request.action() + (request.action().startsWith("dynamodb:") ? " " + keys : " " + resource);
    }

    private static SamTemplate template() {
        if (template == null) template = SamTemplate.load();
        return template;
    }
}
