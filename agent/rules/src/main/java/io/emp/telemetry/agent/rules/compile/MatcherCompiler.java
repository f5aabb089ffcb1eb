package io.emp.telemetry.agent.rules.compile;

import io.emp.telemetry.agent.rules.match.MethodMatcherBuilder;
import io.emp.telemetry.agent.rules.match.TypeMatcherBuilder;
import io.emp.telemetry.agent.rules.yaml.YamlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Compiles the {@code type:} and {@code method:} sections into ByteBuddy matchers. */
final class MatcherCompiler {
    static final String[] TYPE_KEYS = {"name", "glob", "regex", "subtypeOf", "implements", "annotatedWith"};
    static final String[] METHOD_KEYS = {"name", "glob", "regex", "params", "paramTypes", "annotatedWith"};

    private MatcherCompiler() {
    }

    static TypeMatcherBuilder type(YamlNode node) throws RuleError {
        Fields.map(node, "type");
        Fields.knownKeys(node, "type", TYPE_KEYS);
        if (node.entries().isEmpty()) {
            throw RuleError.at(node, "type needs at least one of: " + String.join(", ", TYPE_KEYS));
        }
        TypeMatcherBuilder builder = new TypeMatcherBuilder();
        for (YamlNode.Entry e : node.entries()) {
            String what = "type." + e.key();
            switch (e.key()) {
                case "name":
                    builder.names(typeNames(e.value(), what));
                    break;
                case "glob":
                    builder.globs(Fields.strings(e.value(), what));
                    break;
                case "regex":
                    builder.regexes(regexes(e.value(), what));
                    break;
                case "subtypeOf":
                    builder.subtypesOf(typeNames(e.value(), what));
                    break;
                case "implements":
                    builder.implementing(Fields.strings(e.value(), what));
                    break;
                default:
                    builder.annotatedWith(typeNames(e.value(), what));
                    break;
            }
        }
        return builder;
    }

    /** @param maxArgs receives the highest argument count the method criteria allow ({@code -1}: unbounded) */
    static MethodMatcherBuilder method(YamlNode node, int[] maxArgs) throws RuleError {
        Fields.map(node, "method");
        Fields.knownKeys(node, "method", METHOD_KEYS);
        if (node.entries().isEmpty()) {
            throw RuleError.at(node, "method needs at least one of: " + String.join(", ", METHOD_KEYS));
        }
        MethodMatcherBuilder builder = new MethodMatcherBuilder();
        maxArgs[0] = -1;
        for (YamlNode.Entry e : node.entries()) {
            String what = "method." + e.key();
            switch (e.key()) {
                case "name":
                    builder.names(Fields.strings(e.value(), what));
                    break;
                case "glob":
                    builder.globs(Fields.strings(e.value(), what));
                    break;
                case "regex":
                    builder.regexes(regexes(e.value(), what));
                    break;
                case "params":
                    int count = Fields.integer(e.value(), what, 0, 255);
                    builder.parameterCount(count);
                    maxArgs[0] = maxArgs[0] < 0 ? count : Math.min(maxArgs[0], count);
                    break;
                case "paramTypes":
                    List<String> types = paramTypes(e.value(), what);
                    builder.parameterTypes(types);
                    if (!types.contains(MethodMatcherBuilder.ANY_FURTHER)) {
                        maxArgs[0] = maxArgs[0] < 0 ? types.size() : Math.min(maxArgs[0], types.size());
                    }
                    break;
                default:
                    builder.annotatedWith(typeNames(e.value(), what));
                    break;
            }
        }
        return builder;
    }

    private static List<String> paramTypes(YamlNode node, String what) throws RuleError {
        if (node.kind() != YamlNode.Kind.LIST) {
            throw RuleError.at(node, what + " must be a list of type names (use [] for no parameters)");
        }
        List<String> types = new ArrayList<>();
        for (int i = 0; i < node.items().size(); i++) {
            YamlNode item = node.items().get(i);
            String t = Fields.string(item, what + " entries");
            if (MethodMatcherBuilder.ANY_FURTHER.equals(t) && i != node.items().size() - 1) {
                throw RuleError.at(item, "'...' may only be the last entry of " + what);
            }
            types.add(t.trim());
        }
        return types;
    }

    private static List<String> typeNames(YamlNode node, String what) throws RuleError {
        List<String> names = new ArrayList<>();
        for (YamlNode item : Fields.stringNodes(node, what)) {
            String name = item.text().trim();
            if (name.indexOf('*') >= 0 || name.indexOf('?') >= 0 || name.indexOf(' ') >= 0) {
                throw RuleError.at(item, what + " takes exact type names; '" + name
                        + "' looks like a pattern (use type.glob or type.implements)");
            }
            names.add(name);
        }
        return names;
    }

    private static List<Pattern> regexes(YamlNode node, String what) throws RuleError {
        List<Pattern> patterns = new ArrayList<>();
        for (YamlNode item : Fields.stringNodes(node, what)) {
            try {
                patterns.add(Pattern.compile(item.text()));
            } catch (PatternSyntaxException e) {
                int offset = Math.max(0, e.getIndex());
                throw new RuleError(item.line(), item.columnOf(offset),
                        "bad regular expression in " + what + ": " + e.getDescription());
            }
        }
        return patterns;
    }
}
