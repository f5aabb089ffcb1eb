package io.emp.telemetry.agent.rules.compile;

import io.emp.telemetry.agent.rules.yaml.DidYouMean;

import io.emp.telemetry.agent.rules.yaml.YamlNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Typed, located access to YAML values; every mismatch becomes a {@link RuleError} at the offending node. */
final class Fields {
    private Fields() {
    }

    static void knownKeys(YamlNode map, String where, String... allowed) throws RuleError {
        List<String> keys = Arrays.asList(allowed);
        for (YamlNode.Entry e : map.entries()) {
            if (!keys.contains(e.key())) {
                String suggestion = DidYouMean.closest(e.key(), keys);
                throw RuleError.at(e, "unknown key '" + e.key() + "' in " + where
                        + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)")
                        + "; allowed: " + String.join(", ", keys));
            }
        }
    }

    static YamlNode map(YamlNode node, String what) throws RuleError {
        if (node.kind() != YamlNode.Kind.MAP) {
            throw RuleError.at(node, what + " must be a mapping but is " + node.describe());
        }
        return node;
    }

    static YamlNode required(YamlNode map, String key, String where) throws RuleError {
        YamlNode value = map.get(key);
        if (value == null) {
            throw RuleError.at(map, "missing required key '" + key + "' in " + where);
        }
        return value;
    }

    /** Any scalar as written: YAML 1.1 reads {@code off} or {@code 1.0} as non-strings, but a name is a name. */
    static String string(YamlNode node, String what) throws RuleError {
        if (!node.isScalar() || node.kind() == YamlNode.Kind.NULL) {
            throw RuleError.at(node, what + " must be a string but is " + node.describe());
        }
        if (node.text().trim().isEmpty()) {
            throw RuleError.at(node, what + " must not be empty");
        }
        return node.text();
    }

    /** A single string or a non-empty list of strings. */
    static List<String> strings(YamlNode node, String what) throws RuleError {
        List<String> out = new ArrayList<>();
        for (YamlNode item : stringNodes(node, what)) {
            out.add(item.text());
        }
        return out;
    }

    static List<YamlNode> stringNodes(YamlNode node, String what) throws RuleError {
        List<YamlNode> out = new ArrayList<>();
        if (node.kind() == YamlNode.Kind.LIST) {
            if (node.items().isEmpty()) {
                throw RuleError.at(node, what + " must not be an empty list");
            }
            for (YamlNode item : node.items()) {
                string(item, what + " entries");
                out.add(item);
            }
        } else {
            string(node, what);
            out.add(node);
        }
        return out;
    }

    static boolean bool(YamlNode node, String what) throws RuleError {
        if (node.kind() != YamlNode.Kind.BOOLEAN) {
            throw RuleError.at(node, what + " must be true or false but is " + node.describe());
        }
        return Boolean.parseBoolean(node.text());
    }

    static double number(YamlNode node, String what, double min, double max) throws RuleError {
        if (node.kind() != YamlNode.Kind.NUMBER) {
            throw RuleError.at(node, what + " must be a number but is " + node.describe());
        }
        double value = Double.parseDouble(node.text());
        if (!(value >= min && value <= max)) {
            throw RuleError.at(node, what + " must be between " + fmt(min) + " and " + fmt(max) + " but is "
                    + node.text());
        }
        return value;
    }

    static int integer(YamlNode node, String what, int min, int max) throws RuleError {
        double value = number(node, what, min, max);
        if (value != Math.rint(value)) {
            throw RuleError.at(node, what + " must be a whole number but is " + node.text());
        }
        return (int) value;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }


}
