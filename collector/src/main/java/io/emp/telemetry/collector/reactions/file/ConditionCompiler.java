package io.emp.telemetry.collector.reactions.file;

import io.emp.telemetry.agent.rules.yaml.YamlNode;
import io.emp.telemetry.collector.reactions.match.Condition;
import io.emp.telemetry.collector.reactions.match.EventPath;

import java.util.ArrayList;
import java.util.List;

/** {@code where:} / {@code when:}: one condition or a list of them, all of which must hold. */
final class ConditionCompiler {
    private static final List<String> KEYS = List.of("path", "equals", "notEquals", "matches", "exists");

    private ConditionCompiler() {
    }

    static List<Condition> list(YamlNode node, String where) throws FileError {
        List<Condition> out = new ArrayList<>();
        if (node.kind() == YamlNode.Kind.LIST) {
            for (YamlNode item : node.items()) out.add(one(item, where));
        } else {
            out.add(one(node, where));
        }
        return out;
    }

    private static Condition one(YamlNode node, String where) throws FileError {
        Nodes.map(node, where);
        Nodes.knownKeys(node, where, KEYS);
        EventPath path = Nodes.path(Nodes.required(node, "path", where), where + " path");
        List<YamlNode.Entry> tests = node.entries().stream().filter(e -> !e.key().equals("path")).toList();
        if (tests.size() != 1) {
            throw FileError.at(node, where + " needs exactly one of equals, notEquals, matches, exists next to path");
        }
        YamlNode.Entry t = tests.get(0);
        switch (t.key()) {
            case "equals":
            case "notEquals": {
                List<String> values = new ArrayList<>();
                for (YamlNode v : Nodes.strings(t.value(), where + " " + t.key())) values.add(v.text());
                return Condition.equalsAny(path, values, t.key().equals("notEquals"));
            }
            case "matches":
                return Condition.matches(path, Nodes.regex(t.value(), where + " matches"));
            default:
                return Condition.exists(path, Nodes.bool(t.value(), where + " exists"));
        }
    }
}
