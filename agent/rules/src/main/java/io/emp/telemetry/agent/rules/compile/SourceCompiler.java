package io.emp.telemetry.agent.rules.compile;

import io.emp.telemetry.agent.rules.path.Alternatives;
import io.emp.telemetry.agent.rules.path.AttributePath;
import io.emp.telemetry.agent.rules.path.ElapsedMillis;
import io.emp.telemetry.agent.rules.path.Literal;
import io.emp.telemetry.agent.rules.path.PathParser;
import io.emp.telemetry.agent.rules.path.PathRoot;
import io.emp.telemetry.agent.rules.path.PathSyntaxException;
import io.emp.telemetry.agent.rules.path.ValueSource;
import io.emp.telemetry.agent.rules.yaml.YamlNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Compiles one attribute value: a path string, a quoted literal, a list of alternative paths, a YAML number or boolean,
 * {@code {value: ...}}, or {@code {elapsedMs: {from: ..., to: ...}}}. Checks that the roots used exist in the phase and that {@code args[i]} fits the method.
 */
final class SourceCompiler {
    /** Which roots a value may read, and how to explain a violation. */
    static final class Scope {
        static final Scope EVERYWHERE = new Scope(EnumSet.allOf(PathRoot.class), "");
        static final Scope ALL_PHASES = new Scope(EnumSet.of(PathRoot.THIS, PathRoot.ARGS),
                "rule-level values apply to every phase; move it under emit.return / emit.exception");
        static final Scope ENTER = new Scope(EnumSet.of(PathRoot.THIS, PathRoot.ARGS), "this value belongs to emit.enter");
        static final Scope RETURN = new Scope(EnumSet.of(PathRoot.THIS, PathRoot.ARGS, PathRoot.RETURN),
                "this value belongs to emit.return");
        static final Scope EXCEPTION = new Scope(EnumSet.of(PathRoot.THIS, PathRoot.ARGS, PathRoot.EXCEPTION),
                "this value belongs to emit.exception");

        final Set<PathRoot> roots;
        final String why;

        private Scope(Set<PathRoot> roots, String why) {
            this.roots = roots;
            this.why = why;
        }
    }

    /** Alternatives are tried in turn on the application's thread: a handful, not hundreds. */
    static final int MAX_ALTERNATIVES = 16;
    /** The key of a computed duration value. */
    static final String ELAPSED = "elapsedMs";
    private static final int MAX_ECHOED_CHARS = 60;

    private final int maxArgs;

    /** @param maxArgs the most arguments a matched method can have, -1 when not constrained */
    SourceCompiler(int maxArgs) {
        this.maxArgs = maxArgs;
    }

    ValueSource compile(YamlNode node, String what, Scope scope) throws RuleError {
        switch (node.kind()) {
            case STRING:
                return path(node, what, scope);
            case NUMBER:
                return new Literal(number(node.text()));
            case BOOLEAN:
                return new Literal(Boolean.valueOf(node.text()));
            case LIST:
                if (node.items().isEmpty()) {
                    throw RuleError.at(node, what + " must not be an empty list");
                }
                if (node.items().size() > MAX_ALTERNATIVES) {
                    throw RuleError.at(node, what + " has " + node.items().size() + " alternatives; at most "
                            + MAX_ALTERNATIVES + " are allowed");
                }
                List<ValueSource> alternatives = new ArrayList<>();
                for (YamlNode item : node.items()) {
                    if (item.kind() == YamlNode.Kind.LIST || item.kind() == YamlNode.Kind.MAP) {
                        throw RuleError.at(item, what + " alternatives must be paths or literals");
                    }
                    alternatives.add(compile(item, what, scope));
                }
                return Alternatives.of(alternatives);
            case MAP:
                Fields.knownKeys(node, what, "value", ELAPSED);
                if (node.get(ELAPSED) != null) {
                    if (node.get("value") != null) {
                        throw RuleError.at(node, what + " is either {value: ...} or {" + ELAPSED + ": ...}, not both");
                    }
                    return elapsed(node.get(ELAPSED), what + "." + ELAPSED, scope);
                }
                YamlNode value = Fields.required(node, "value", what);
                if (!value.isScalar() || value.kind() == YamlNode.Kind.NULL) {
                    throw RuleError.at(value, what + ".value must be a string, number or boolean");
                }
                return new Literal(value.kind() == YamlNode.Kind.NUMBER ? number(value.text())
                        : value.kind() == YamlNode.Kind.BOOLEAN ? Boolean.valueOf(value.text()) : value.text());
            default:
                throw RuleError.at(node, what + " must be a path, a list of paths or a literal but is nothing");
        }
    }

    /** {@code {elapsedMs: {from: <value>, to: <value>}}}: milliseconds between two times; without {@code to}, until now. */
    private ValueSource elapsed(YamlNode node, String what, Scope scope) throws RuleError {
        Fields.map(node, what);
        Fields.knownKeys(node, what, "from", "to");
        YamlNode from = Fields.required(node, "from", what);
        YamlNode to = node.get("to");
        return new ElapsedMillis(endpoint(from, what + ".from", scope), to == null ? null : endpoint(to, what + ".to", scope));
    }

    private ValueSource endpoint(YamlNode node, String what, Scope scope) throws RuleError {
        if (node.kind() == YamlNode.Kind.MAP) {
            throw RuleError.at(node, what + " must be a path or a list of paths");
        }
        return compile(node, what, scope);
    }

    private ValueSource path(YamlNode node, String what, Scope scope) throws RuleError {
        ValueSource source;
        try {
            source = PathParser.parse(node.text());
        } catch (PathSyntaxException e) {
            throw new RuleError(node.line(), node.columnOf(e.offset()),
                    "bad path '" + shortened(node.text()) + "' in " + what + ": " + e.getMessage());
        }
        if (source instanceof AttributePath) {
            AttributePath path = (AttributePath) source;
            if (!scope.roots.contains(path.root())) {
                throw RuleError.at(node, "'" + path.root().keyword() + "' is not available in " + what + ": "
                        + path.root().keyword() + " only exists in emit."
                        + (path.root() == PathRoot.RETURN ? "return" : "exception") + " (" + scope.why + ")");
            }
            if (path.root() == PathRoot.ARGS && maxArgs >= 0 && path.argIndex() >= maxArgs) {
                throw RuleError.at(node, "args[" + path.argIndex() + "] in " + what + " is out of range: the method "
                        + "matcher allows at most " + maxArgs + " parameter(s)");
            }
        }
        return source;
    }

    /** A path as quoted in a message: long ones cut, so one bad value cannot flood the log. */
    private static String shortened(String text) {
        return text.length() <= MAX_ECHOED_CHARS ? text : text.substring(0, MAX_ECHOED_CHARS) + "…";
    }

    private static Object number(String text) {
        try {
            return Long.valueOf(text);
        } catch (NumberFormatException notWhole) {
            return Double.valueOf(text);
        }
    }
}
