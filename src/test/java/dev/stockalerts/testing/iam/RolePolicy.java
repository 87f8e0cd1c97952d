package dev.stockalerts.testing.iam;

import dev.stockalerts.testing.SamTemplate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.stockalerts.testing.SamTemplate.map;

/**
 * A function's execution role as template.yaml grants it, evaluated the way IAM evaluates an identity policy: a
 * request is allowed when some Allow statement matches its action, its resource and every condition, and no Deny
 * statement matches. The template is read as deployed with the function's configuration: parameters take the values
 * the function's environment carries (else their defaults), so conditional statements ({@code !If}) are in or out as
 * they would be; the stack's resources resolve to what the function was given (the table named by TABLE_NAME, the
 * topic of ALERT_TOPIC_ARN). Anything this class does not know how to read fails loudly rather than allowing.
 */
public final class RolePolicy {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "123456789012";
    private static final Pattern SUB = Pattern.compile("\\$\\{([^}]+)}");

    private record Statement(boolean allow, List<String> actions, List<String> resources, Map<String, Map<String, List<String>>> conditions) {}

    private final String function;
    private final List<Statement> statements;

    private RolePolicy(String function, List<Statement> statements) {
        this.function = function;
        this.statements = statements;
    }

    /** @param env the function's environment variables, as the test configured it */
    public static RolePolicy of(SamTemplate template, String function, Map<String, String> env) {
        Resolver resolver = new Resolver(template, function, env);
        List<Statement> statements = new ArrayList<>();
        for (Object policy : (List<?>) template.properties(function).get("Policies")) {
            Object resolved = resolver.branch(policy);
            if (resolved == null) continue;
            Map<String, Object> p = map(resolved);
            if (p.containsKey("Statement")) {
                for (Object s : (List<?>) p.get("Statement")) {
                    Object statement = resolver.branch(s);
                    if (statement != null) statements.add(resolver.statement(map(statement)));
                }
            } else if (p.containsKey("SNSPublishMessagePolicy")) {
                // SAM's policy template: sns:Publish on the named topic.
                String topic = resolver.string(map(p.get("SNSPublishMessagePolicy")).get("TopicName"));
                statements.add(new Statement(true, List.of("sns:Publish"),
                        List.of("arn:aws:sns:" + REGION + ":" + ACCOUNT + ":" + topic), Map.of()));
            } else {
                throw new IllegalArgumentException(function + ": a policy this evaluator cannot read: " + p);
            }
        }
        return new RolePolicy(function, statements);
    }

    public String function() {
        return function;
    }

    public boolean allows(IamRequest request) {
        boolean allowed = false;
        for (Statement s : statements) {
            if (!matches(s, request)) continue;
            if (!s.allow()) return false;
            allowed = true;
        }
        return allowed;
    }

    private static boolean matches(Statement s, IamRequest r) {
        return s.actions().stream().anyMatch(a -> glob(a.toLowerCase(Locale.ROOT), r.action().toLowerCase(Locale.ROOT)))
                && s.resources().stream().anyMatch(pattern -> glob(pattern, r.resource()))
                && s.conditions().entrySet().stream().allMatch(c -> c.getValue().entrySet().stream()
                        .allMatch(k -> holds(c.getKey(), r.context().get(k.getKey()), k.getValue())));
    }

    /** One condition operator on one key; an operator this class does not know fails instead of guessing. */
    private static boolean holds(String operator, Set<String> present, List<String> expected) {
        String[] parts = operator.split(":", 2);
        String qualifier = parts.length == 2 ? parts[0] : null;
        String test = parts.length == 2 ? parts[1] : parts[0];
        boolean like = switch (test) {
            case "StringLike" -> true;
            case "StringEquals" -> false;
            default -> throw new IllegalArgumentException("condition operator not supported here: " + operator);
        };
        if (qualifier == null) { // single-valued: the key must be there and match
            return present != null && present.size() == 1 && expected.stream().anyMatch(e -> compare(like, e, present.iterator().next()));
        }
        if (qualifier.equals("ForAllValues")) { // every value matches one of the expected (true for none: IAM's rule)
            return present == null || present.stream().allMatch(v -> expected.stream().anyMatch(e -> compare(like, e, v)));
        }
        if (qualifier.equals("ForAnyValue")) {
            return present != null && present.stream().anyMatch(v -> expected.stream().anyMatch(e -> compare(like, e, v)));
        }
        throw new IllegalArgumentException("condition qualifier not supported here: " + operator);
    }

    private static boolean compare(boolean like, String pattern, String value) {
        return like ? glob(pattern, value) : pattern.equals(value);
    }

    /** IAM's wildcards: {@code *} any run of characters, {@code ?} one. */
    static boolean glob(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*') regex.append(".*");
            else if (c == '?') regex.append('.');
            else regex.append(Pattern.quote(String.valueOf(c)));
        }
        return value.matches(regex.toString());
    }

    /** Intrinsic functions of the template, resolved for one function's configuration. */
    private static final class Resolver {
        private final SamTemplate template;
        private final Map<String, String> env;
        private final Map<String, String> parameters = new HashMap<>();

        Resolver(SamTemplate template, String function, Map<String, String> env) {
            this.template = template;
            this.env = env;
            template.parameters().forEach((name, declaration) -> {
                Object fallback = map(declaration).get("Default");
                parameters.put(name, fallback == null ? "" : fallback.toString());
            });
            // A parameter the function receives as a variable has the value the function was given.
            template.environment(function).forEach((variable, value) -> {
                String parameter = template.parameterRef(value);
                if (parameter != null && env.containsKey(variable)) parameters.put(parameter, env.get(variable));
            });
        }

        /** The value, with an {@code !If} taken to its branch; null for {@code AWS::NoValue}. */
        Object branch(Object value) {
            List<?> ifThen = (List<?>) map(value).get("Fn::If");
            if (ifThen != null) return branch(condition(ifThen.get(0).toString()) ? ifThen.get(1) : ifThen.get(2));
            return "AWS::NoValue".equals(map(value).get("Ref")) ? null : value;
        }

        Statement statement(Map<String, Object> s) {
            Map<String, Map<String, List<String>>> conditions = new LinkedHashMap<>();
            map(s.get("Condition")).forEach((operator, keys) -> {
                Map<String, List<String>> byKey = new LinkedHashMap<>();
                map(keys).forEach((key, values) -> byKey.put(key, strings(values)));
                conditions.put(operator, byKey);
            });
            if (s.containsKey("NotAction") || s.containsKey("NotResource")) {
                throw new IllegalArgumentException("NotAction/NotResource not supported here: " + s);
            }
            return new Statement(!"Deny".equals(s.get("Effect")), strings(s.get("Action")), strings(s.get("Resource")), conditions);
        }

        private List<String> strings(Object value) {
            if (value instanceof List<?> list) {
                List<String> out = new ArrayList<>();
                for (Object v : list) {
                    Object b = branch(v);
                    if (b != null) out.add(string(b));
                }
                return out;
            }
            return List.of(string(value));
        }

        String string(Object value) {
            if (value instanceof String s) return s;
            if (value instanceof Number || value instanceof Boolean) return value.toString();
            Map<String, Object> intrinsic = map(value);
            if (intrinsic.containsKey("Ref")) return ref(intrinsic.get("Ref").toString());
            if (intrinsic.containsKey("Fn::GetAtt")) {
                List<?> target = (List<?>) intrinsic.get("Fn::GetAtt");
                return attribute(target.get(0) + "." + target.get(1));
            }
            if (intrinsic.containsKey("Fn::Sub")) {
                Matcher m = SUB.matcher(intrinsic.get("Fn::Sub").toString());
                StringBuilder out = new StringBuilder();
                while (m.find()) {
                    String name = m.group(1);
                    m.appendReplacement(out, Matcher.quoteReplacement(name.contains(".") && !name.startsWith("AWS::") ? attribute(name) : ref(name)));
                }
                m.appendTail(out);
                return out.toString();
            }
            if (intrinsic.containsKey("Fn::If")) return string(branch(value));
            throw new IllegalArgumentException("a value this evaluator cannot resolve: " + value);
        }

        private String ref(String name) {
            switch (name) {
                case "AWS::Partition": return "aws";
                case "AWS::Region": return REGION;
                case "AWS::AccountId": return ACCOUNT;
                case "AlertTopic": return required("ALERT_TOPIC_ARN");
                default:
                    if (parameters.containsKey(name)) return parameters.get(name);
                    throw new IllegalArgumentException("a reference this evaluator cannot resolve: " + name);
            }
        }

        private String attribute(String name) {
            return switch (name) {
                case "AlertsTable.Arn" -> "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + required("TABLE_NAME");
                case "AlertTopic.TopicName" -> {
                    String arn = required("ALERT_TOPIC_ARN");
                    yield arn.substring(arn.lastIndexOf(':') + 1);
                }
                default -> throw new IllegalArgumentException("an attribute this evaluator cannot resolve: " + name);
            };
        }

        private String required(String variable) {
            String value = env.get(variable);
            // Without it the function would not use the resource; a name nothing matches keeps the statement inert.
            return value == null || value.isBlank() ? "unset-" + variable : value;
        }

        boolean condition(String name) {
            Object definition = template.section("Conditions").get(name);
            if (definition == null) throw new IllegalArgumentException("no condition " + name);
            return holds(definition);
        }

        private boolean holds(Object c) {
            Map<String, Object> m = map(c);
            if (m.containsKey("Condition")) return condition(m.get("Condition").toString());
            if (m.containsKey("Fn::Not")) return !holds(((List<?>) m.get("Fn::Not")).get(0));
            if (m.containsKey("Fn::And")) return ((List<?>) m.get("Fn::And")).stream().allMatch(this::holds);
            if (m.containsKey("Fn::Or")) return ((List<?>) m.get("Fn::Or")).stream().anyMatch(this::holds);
            List<?> equals = (List<?>) m.get("Fn::Equals");
            if (equals == null) throw new IllegalArgumentException("a condition this evaluator cannot read: " + c);
            return string(equals.get(0)).equals(string(equals.get(1)));
        }
    }
}
