package dev.stockalerts.testing;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * template.yaml as CloudFormation reads it: short-form intrinsics ({@code !Ref X}, {@code !GetAtt A.B},
 * {@code !Sub ...}, {@code !If [...]}) become their long form ({@code {Ref: X}}, {@code {Fn::GetAtt: [A, B]}}, ...).
 */
public final class SamTemplate {
    public static final Path FILE = Path.of("template.yaml");

    private final Map<String, Object> root;

    private SamTemplate(Map<String, Object> root) {
        this.root = root;
    }

    public static SamTemplate load() {
        try {
            Yaml yaml = new Yaml(new IntrinsicConstructor());
            return new SamTemplate(yaml.load(Files.readString(FILE)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<String, Object> section(String name) {
        return map(root.get(name));
    }

    public Map<String, Object> parameters() {
        return section("Parameters");
    }

    public Map<String, Object> resource(String logicalId) {
        Map<String, Object> resource = map(section("Resources").get(logicalId));
        if (resource.isEmpty()) throw new AssertionError("template.yaml has no resource " + logicalId);
        return resource;
    }

    public Map<String, Object> properties(String logicalId) {
        return map(resource(logicalId).get("Properties"));
    }

    /** Logical ids of the resources of a type. */
    public Set<String> resourcesOfType(String type) {
        Set<String> ids = new TreeSet<>();
        section("Resources").forEach((id, r) -> {
            if (type.equals(map(r).get("Type"))) ids.add(id);
        });
        return ids;
    }

    /** A function's environment: Globals.Function's variables, overridden by its own (as SAM merges them). */
    public Map<String, Object> environment(String function) {
        Map<String, Object> vars = new LinkedHashMap<>(variables(map(section("Globals").get("Function"))));
        vars.putAll(variables(properties(function)));
        return vars;
    }

    /** The parameter a value refers to ({@code !Ref P}), or null for anything else. */
    public String parameterRef(Object value) {
        Object ref = map(value).get("Ref");
        return ref instanceof String name && parameters().containsKey(name) ? name : null;
    }

    private static Map<String, Object> variables(Map<String, Object> functionProperties) {
        return map(map(functionProperties.get("Environment")).get("Variables"));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** Every {@code !Name} tag becomes {@code {Fn::Name: value}}, {@code !Ref} {@code {Ref: value}}, {@code !GetAtt A.B} {@code {Fn::GetAtt: [A, B]}}. */
    private static final class IntrinsicConstructor extends SafeConstructor {
        IntrinsicConstructor() {
            super(new LoaderOptions());
            yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String tag = node.getTag().getValue().substring(1);
                    Object value;
                    if (node instanceof ScalarNode scalar) value = constructScalar(scalar);
                    else if (node instanceof SequenceNode sequence) value = constructSequence(sequence);
                    else value = constructMapping((MappingNode) node);
                    if (tag.equals("Ref") || tag.equals("Condition")) return Map.of(tag, value);
                    if (tag.equals("GetAtt") && value instanceof String s) return Map.of("Fn::GetAtt", java.util.List.of(s.split("\\.", 2)));
                    return Map.of("Fn::" + tag, value);
                }
            });
        }
    }
}
