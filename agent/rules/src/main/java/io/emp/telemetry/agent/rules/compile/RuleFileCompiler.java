package io.emp.telemetry.agent.rules.compile;

import io.emp.telemetry.agent.rules.InstrumentationRule;
import io.emp.telemetry.agent.rules.RuleProblem;
import io.emp.telemetry.agent.rules.yaml.YamlNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Accumulates rules from any number of files: a broken rule becomes one problem and is skipped, a file that is not
 * YAML becomes one problem, and a second rule with an id already seen (in any file) is reported and skipped.
 */
public final class RuleFileCompiler {
    private final List<InstrumentationRule> rules = new ArrayList<>();
    private final List<RuleProblem> problems = new ArrayList<>();
    private final Map<String, String> seenIds = new HashMap<>();

    public List<InstrumentationRule> rules() {
        return rules;
    }

    public List<RuleProblem> problems() {
        return problems;
    }

    public void problem(String source, int line, int column, String message) {
        problems.add(new RuleProblem(source, line, column, message));
    }

    /** Never throws. */
    public void add(String source, String yaml) {
        add(ParsedFile.parse(source, yaml));
    }

    /** A file already parsed ({@link ParsedFile#parse} may run on another thread). Never throws. */
    public void add(ParsedFile file) {
        if (file.problem() != null) {
            problems.add(file.problem());
            return;
        }
        try {
            for (YamlNode document : file.documents()) {
                addDocument(file.source(), document);
            }
        } catch (RuntimeException | StackOverflowError unexpected) {
            problem(file.source(), 1, 1, "could not load rules: " + unexpected);
        }
    }

    private void addDocument(String source, YamlNode document) {
        YamlNode list;
        try {
            list = rulesList(document);
        } catch (RuleError e) {
            problem(source, e.line(), e.column(), e.getMessage());
            return;
        }
        for (YamlNode rule : list.items()) {
            addRule(source, rule);
        }
    }

    /** {@code - id: x} with only {@code enabled: false}: turns off a rule loaded earlier (e.g. a built-in one). */
    private static boolean isSwitchOff(YamlNode node) throws RuleError {
        return node.entries().size() == 2 && node.get("enabled") != null && !RuleCompiler.enabled(node);
    }

    private void switchOff(String source, YamlNode node, String id) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).id().equals(id)) {
                rules.remove(i);
                return;
            }
        }
        if (!seenIds.containsKey(id)) {
            YamlNode idNode = node.get("id");
            problem(source, idNode.line(), idNode.column(), "rule '" + id + "' cannot be turned off: no rule with"
                    + " this id was loaded before this file");
        }
    }

    private static YamlNode rulesList(YamlNode root) throws RuleError {
        Fields.map(root, "a rule file");
        Fields.knownKeys(root, "a rule file", "version", "rules");
        YamlNode version = root.get("version");
        if (version != null && Fields.integer(version, "version", 1, 1) != 1) {
            throw RuleError.at(version, "unsupported version");
        }
        YamlNode list = Fields.required(root, "rules", "a rule file");
        if (list.kind() != YamlNode.Kind.LIST) {
            throw RuleError.at(list, "rules must be a list of rules (each starting with '- id:') but is "
                    + list.describe());
        }
        return list;
    }

    private void addRule(String source, YamlNode node) {
        String id = null;
        try {
            id = RuleCompiler.id(node);
            if (isSwitchOff(node)) {
                switchOff(source, node, id);
                return;
            }
            String firstSeen = seenIds.get(id);
            if (firstSeen != null) {
                YamlNode idNode = node.get("id");
                problem(source, idNode.line(), idNode.column(), "duplicate rule id '" + id + "' (first declared at "
                        + firstSeen + "); this rule is skipped");
                return;
            }
            seenIds.put(id, source + ":" + node.line());
            InstrumentationRule rule = RuleCompiler.compile(source, node);
            if (RuleCompiler.enabled(node)) {
                rules.add(rule);
            }
        } catch (RuleError e) {
            problem(source, e.line(), e.column(), (id == null ? "" : "rule '" + id + "': ") + e.getMessage()
                    + "; rule skipped");
        }
    }
}
