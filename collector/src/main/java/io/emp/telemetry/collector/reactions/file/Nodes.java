package io.emp.telemetry.collector.reactions.file;

import io.emp.telemetry.agent.rules.yaml.DidYouMean;
import io.emp.telemetry.agent.rules.yaml.YamlNode;
import io.emp.telemetry.collector.config.Durations;
import io.emp.telemetry.collector.reactions.match.EventPath;
import io.emp.telemetry.collector.reactions.template.Template;
import io.emp.telemetry.collector.reactions.template.ValueTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Typed, located reading of YAML values; every mismatch is a {@link FileError} at the offending node. */
final class Nodes {
    private Nodes() {
    }

    static void knownKeys(YamlNode map, String where, List<String> allowed) throws FileError {
        for (YamlNode.Entry e : map.entries()) {
            if (!allowed.contains(e.key())) {
                String near = DidYouMean.closest(e.key(), allowed);
                throw FileError.at(e, "unknown key '" + e.key() + "' in " + where
                        + (near == null ? "" : " (did you mean '" + near + "'?)") + "; allowed: " + String.join(", ", allowed));
            }
        }
    }

    static YamlNode map(YamlNode node, String what) throws FileError {
        if (node.kind() != YamlNode.Kind.MAP) throw FileError.at(node, what + " must be a mapping but is " + node.describe());
        return node;
    }

    static YamlNode list(YamlNode node, String what) throws FileError {
        if (node.kind() != YamlNode.Kind.LIST) throw FileError.at(node, what + " must be a list but is " + node.describe());
        return node;
    }

    static YamlNode required(YamlNode map, String key, String where) throws FileError {
        YamlNode v = map.get(key);
        if (v == null) throw FileError.at(map, "missing required key '" + key + "' in " + where);
        return v;
    }

    static String string(YamlNode node, String what) throws FileError {
        if (!node.isScalar() || node.kind() == YamlNode.Kind.NULL) {
            throw FileError.at(node, what + " must be a string but is " + node.describe());
        }
        if (node.text().trim().isEmpty()) throw FileError.at(node, what + " must not be empty");
        return node.text();
    }

    /** One string or a non-empty list of strings. */
    static List<YamlNode> strings(YamlNode node, String what) throws FileError {
        List<YamlNode> out = new ArrayList<>();
        if (node.kind() == YamlNode.Kind.LIST) {
            if (node.items().isEmpty()) throw FileError.at(node, what + " must not be an empty list");
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

    static boolean bool(YamlNode node, String what) throws FileError {
        if (node.kind() != YamlNode.Kind.BOOLEAN) throw FileError.at(node, what + " must be true or false but is " + node.describe());
        return Boolean.parseBoolean(node.text());
    }

    static long integer(YamlNode node, String what, long min, long max) throws FileError {
        if (node.kind() != YamlNode.Kind.NUMBER) throw FileError.at(node, what + " must be a number but is " + node.describe());
        double v = Double.parseDouble(node.text());
        if (v != Math.rint(v) || v < min || v > max) {
            throw FileError.at(node, what + " must be a whole number from " + min + " to " + max + " but is " + node.text());
        }
        return (long) v;
    }

    static Duration duration(YamlNode node, String what) throws FileError {
        String text = node.kind() == YamlNode.Kind.NUMBER ? node.text() : string(node, what);
        try {
            return Durations.parse(text.trim());
        } catch (RuntimeException e) {
            throw FileError.at(node, what + " is not a duration (examples: 500ms, 30s, 5m, 1h) but '" + text + "'");
        }
    }

    static Pattern regex(YamlNode node, String what) throws FileError {
        String text = string(node, what);
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            int at = Math.max(0, e.getIndex());
            throw new FileError(node.line(), node.columnOf(Math.min(at, text.length())),
                    "bad regular expression in " + what + ": " + e.getDescription());
        }
    }

    static EventPath path(YamlNode node, String what) throws FileError {
        String text = string(node, what);
        try {
            return EventPath.parse(text);
        } catch (EventPath.PathError e) {
            throw new FileError(node.line(), node.columnOf(e.offset()), "bad path '" + text + "' in " + what + ": " + e.getMessage());
        }
    }

    /** A scalar as a template ({@code {jobId}} placeholders); numbers and booleans are literal text. */
    static Template template(YamlNode node, String what) throws FileError {
        if (!node.isScalar() || node.kind() == YamlNode.Kind.NULL) {
            throw FileError.at(node, what + " must be a string but is " + node.describe());
        }
        try {
            return Template.parse(node.text());
        } catch (EventPath.PathError e) {
            throw new FileError(node.line(), node.columnOf(e.offset()), "bad template '" + node.text() + "' in " + what
                    + ": " + e.getMessage());
        }
    }

    static List<Template> templateList(YamlNode node, String what) throws FileError {
        List<Template> out = new ArrayList<>();
        if (node.kind() != YamlNode.Kind.LIST) {
            out.add(template(node, what));
        } else {
            for (YamlNode item : node.items()) out.add(template(item, what + " entries"));
        }
        return out;
    }

    /** Any YAML value as a structured template. */
    static ValueTemplate value(YamlNode node, String what) throws FileError {
        switch (node.kind()) {
            case MAP: {
                Map<String, ValueTemplate> m = new LinkedHashMap<>();
                for (YamlNode.Entry e : node.entries()) m.put(e.key(), value(e.value(), what + "." + e.key()));
                return new ValueTemplate.MapOf(m);
            }
            case LIST: {
                List<ValueTemplate> l = new ArrayList<>();
                for (YamlNode item : node.items()) l.add(value(item, what));
                return new ValueTemplate.ListOf(l);
            }
            case NUMBER:
                return new ValueTemplate.Constant(node.text().contains(".") ? (Object) Double.parseDouble(node.text())
                        : (Object) Long.parseLong(node.text()));
            case BOOLEAN:
                return new ValueTemplate.Constant(Boolean.parseBoolean(node.text()));
            case NULL:
                return new ValueTemplate.Constant(null);
            default:
                return new ValueTemplate.Text(template(node, what));
        }
    }

    /** Plain Java values (maps, lists, strings, numbers, booleans) for a plugin's configuration. */
    static Object plain(YamlNode node) {
        switch (node.kind()) {
            case MAP: {
                Map<String, Object> m = new LinkedHashMap<>();
                for (YamlNode.Entry e : node.entries()) m.put(e.key(), plain(e.value()));
                return m;
            }
            case LIST: {
                List<Object> l = new ArrayList<>();
                for (YamlNode item : node.items()) l.add(plain(item));
                return l;
            }
            case NUMBER:
                return node.text().contains(".") ? (Object) Double.parseDouble(node.text()) : (Object) Long.parseLong(node.text());
            case BOOLEAN:
                return Boolean.parseBoolean(node.text());
            case NULL:
                return null;
            default:
                return node.text();
        }
    }


}
