package io.emp.telemetry.agent.rules.compile;

import io.emp.telemetry.agent.rules.match.BoundedRegex;
import io.emp.telemetry.agent.rules.match.Glob;
import io.emp.telemetry.agent.rules.match.MethodMatcherBuilder;
import io.emp.telemetry.agent.rules.match.NameMatcher;
import io.emp.telemetry.agent.rules.match.TypeMatcherBuilder;
import io.emp.telemetry.agent.rules.yaml.YamlNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Compiles the {@code type:} and {@code method:} sections into ByteBuddy matchers. */
final class MatcherCompiler {
    static final String[] TYPE_KEYS = {"name", "glob", "regex", "subtypeOf", "implements", "annotatedWith"};
    /** Opt-in keys under type: a rule may reach JDK classes / every class only when it says so. */
    static final String ALLOW_JDK_TYPES = "allowJdkTypes";
    static final String ALLOW_ALL_TYPES = "allowAllTypes";
    static final String[] ALLOW_KEYS = {ALLOW_JDK_TYPES, ALLOW_ALL_TYPES};
    /** Class names with nothing in common: a glob or regex matching all of them matches every class. */
    private static final String[] UNRELATED_CLASS_NAMES = {"a", "Z", "x9.Q", "org.eclipse.jetty.util.BlockingArrayQueue",
        "com.zaxxer.hikari.pool.HikariPool", "io.netty.util.Recycler$1", "kotlin.collections.CollectionsKt"};
    static final String[] METHOD_KEYS = {"name", "glob", "regex", "params", "paramTypes", "annotatedWith"};

    private MatcherCompiler() {
    }

    static TypeMatcherBuilder type(YamlNode node) throws RuleError {
        Fields.map(node, "type");
        Fields.knownKeys(node, "type", concat(TYPE_KEYS, ALLOW_KEYS));
        boolean allowJdk = flag(node, ALLOW_JDK_TYPES);
        boolean allowAll = flag(node, ALLOW_ALL_TYPES);
        TypeMatcherBuilder builder = new TypeMatcherBuilder().allowJdkTypes(allowJdk);
        List<YamlNode> unanchored = new ArrayList<>();
        boolean restricted = false;
        boolean anyCriterion = false;
        for (YamlNode.Entry e : node.entries()) {
            String what = "type." + e.key();
            switch (e.key()) {
                case ALLOW_JDK_TYPES:
                case ALLOW_ALL_TYPES:
                    continue;
                case "name":
                    builder.names(jdkChecked(typeNames(e.value(), what), e.value(), what, allowJdk));
                    restricted = true;
                    break;
                case "glob":
                    List<String> globs = jdkChecked(Fields.strings(e.value(), what), e.value(), what, allowJdk);
                    builder.globs(globs);
                    unanchored.add(matchesEverything(e.value(), globs, null) ? e.value() : null);
                    break;
                case "regex":
                    List<Pattern> patterns = regexes(e.value(), what);
                    List<String> texts = new ArrayList<>();
                    for (Pattern p : patterns) {
                        texts.add(TypeMatcherBuilder.regexPrefix(p.pattern()));
                    }
                    jdkChecked(texts, e.value(), what, allowJdk);
                    builder.regexes(patterns);
                    unanchored.add(matchesEverything(e.value(), null, patterns) ? e.value() : null);
                    break;
                case "subtypeOf":
                    builder.subtypesOf(typeNames(e.value(), what));
                    restricted = true;
                    break;
                case "implements":
                    builder.implementing(Fields.strings(e.value(), what));
                    restricted = true;
                    break;
                default:
                    builder.annotatedWith(typeNames(e.value(), what));
                    restricted = true;
                    break;
            }
            anyCriterion = true;
        }
        if (!anyCriterion) {
            throw RuleError.at(node, "type needs at least one of: " + String.join(", ", TYPE_KEYS));
        }
        if (!restricted && !allowAll && !unanchored.contains(null)) {
            YamlNode at = unanchored.get(0);
            String what = node.entries().get(node.entries().indexOf(entryOf(node, at))).key();
            throw RuleError.at(at, "type." + what + " " + (at.isScalar() ? "'" + at.text() + "' " : "")
                    + "matches every class, including the server's, the pools' and the "
                    + "libraries' own classes: a rule on all of them slows every call and can deadlock them; narrow "
                    + "it to your packages (e.g. glob: \"com.acme.*\") or add '" + ALLOW_ALL_TYPES
                    + ": true' under type");
        }
        return builder;
    }

    private static YamlNode.Entry entryOf(YamlNode map, YamlNode value) {
        for (YamlNode.Entry e : map.entries()) {
            if (e.value() == value) {
                return e;
            }
        }
        return null;
    }

    private static boolean flag(YamlNode type, String key) throws RuleError {
        YamlNode value = type.get(key);
        return value != null && Fields.bool(value, "type." + key);
    }

    /** Names (or literal prefixes) in a JDK package are refused unless the rule allows JDK types. */
    private static List<String> jdkChecked(List<String> names, YamlNode node, String what, boolean allowJdk)
            throws RuleError {
        if (allowJdk) {
            return names;
        }
        List<YamlNode> items = Fields.stringNodes(node, what);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String literal = what.endsWith("glob") ? Glob.literalPrefix(name) : name;
            if (TypeMatcherBuilder.isJdkName(literal)) {
                throw RuleError.at(items.get(i), what + " '" + items.get(i).text().trim() + "' is a JDK class: "
                        + "instrumenting the JDK slows every caller and can break the JVM the agent itself runs on; "
                        + "rules are meant for your own classes. To instrument it anyway add '" + ALLOW_JDK_TYPES
                        + ": true' under type");
            }
        }
        return names;
    }

    /** Whether one of the alternatives matches every probe name: a criterion that does not narrow anything. */
    private static boolean matchesEverything(YamlNode node, List<String> globs, List<Pattern> patterns) {
        List<NameMatcher> matchers = new ArrayList<>();
        if (globs != null) {
            for (String g : globs) {
                matchers.add(Glob.of(g));
            }
        } else {
            for (Pattern p : patterns) {
                matchers.add(new BoundedRegex(p));
            }
        }
        for (NameMatcher m : matchers) {
            boolean all = true;
            for (String probe : UNRELATED_CLASS_NAMES) {
                all &= m.matches(probe);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
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
            Pattern pattern;
            try {
                pattern = Pattern.compile(item.text());
            } catch (PatternSyntaxException | StackOverflowError e) {
                int offset = e instanceof PatternSyntaxException ? Math.max(0, ((PatternSyntaxException) e).getIndex()) : 0;
                throw new RuleError(item.line(), item.columnOf(offset), "bad regular expression in " + what + ": "
                        + (e instanceof PatternSyntaxException ? ((PatternSyntaxException) e).getDescription()
                        : "nested too deeply"));
            }
            String probe = BoundedRegex.catastrophicOn(pattern);
            if (probe != null) {
                throw RuleError.at(item, "regular expression in " + what + " '" + item.text() + "' backtracks "
                        + "catastrophically (more than " + BoundedRegex.MAX_STEPS + " steps on the "
                        + probe.length() + "-character name '" + printable(probe) + "'; nested repetition such as "
                        + "(a+)+ or (.*)* does this): simplify it, or use a glob");
            }
            patterns.add(pattern);
        }
        return patterns;
    }

    private static String printable(String s) {
        return s.replace("\u0000", "\\0");
    }
}
