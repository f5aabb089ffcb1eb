package io.emp.telemetry.collector.reactions.file;

import io.emp.telemetry.agent.rules.match.NameMatcher;
import io.emp.telemetry.agent.rules.RuleProblem;
import io.emp.telemetry.agent.rules.match.Glob;
import io.emp.telemetry.agent.rules.yaml.YamlNode;
import io.emp.telemetry.agent.rules.yaml.YamlReader;
import io.emp.telemetry.agent.rules.yaml.YamlSyntaxError;
import io.emp.telemetry.collector.reactions.actions.Action;
import io.emp.telemetry.collector.reactions.classify.Classifier;
import io.emp.telemetry.collector.reactions.classify.FailureRule;
import io.emp.telemetry.collector.reactions.delivery.DerivedEvents;
import io.emp.telemetry.collector.reactions.delivery.RetryPolicy;
import io.emp.telemetry.collector.reactions.match.Condition;
import io.emp.telemetry.collector.reactions.match.TypeMatcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and checks a reactions file (YAML, read with the rules' location-keeping reader) and compiles it. Every
 * problem is collected with file:line:column — the first one of each reaction, classify rule and section — so one
 * run shows them all; a file with any problem is refused as a whole (reactions change state: half a file is worse
 * than none).
 */
public final class ReactionsCompiler {
    private static final List<String> TOP = List.of("version", "settings", "classify", "reactions");
    private static final List<String> REACTION_KEYS = List.of("id", "description", "enabled", "on", "service", "where", "actions");
    private static final List<String> CLASSIFY_KEYS = List.of("id", "errorType", "message", "category", "recoverable", "retry");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]+");

    private final CompileContext context;
    private final String source;
    private final List<RuleProblem> problems = new ArrayList<>();

    private ReactionsCompiler(CompileContext context, String source) {
        this.context = context;
        this.source = source;
    }

    public static ReactionsFile compile(Path file, CompileContext context) throws ReactionsFileException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReactionsFileException(List.of(new RuleProblem(file.toString(), 1, 1, "cannot read the file: " + e.getMessage())));
        }
        return compile(file, text, context);
    }

    public static ReactionsFile compile(Path file, String text, CompileContext context) throws ReactionsFileException {
        return new ReactionsCompiler(context, file.toString()).run(file, text);
    }

    private ReactionsFile run(Path file, String text) throws ReactionsFileException {
        List<YamlNode> docs;
        try {
            docs = YamlReader.read(text);
        } catch (YamlSyntaxError e) {
            throw new ReactionsFileException(List.of(new RuleProblem(source, e.line(), e.column(), e.getMessage())));
        }
        if (docs.size() != 1) {
            throw new ReactionsFileException(List.of(new RuleProblem(source, 1, 1,
                    docs.isEmpty() ? "the file is empty; it needs a 'reactions:' list" : "one YAML document expected, found " + docs.size())));
        }
        YamlNode root = docs.get(0);
        Settings settings = Settings.DEFAULT;
        List<FailureRule> classify = new ArrayList<>();
        List<Reaction> reactions = new ArrayList<>();
        try {
            Nodes.map(root, "the file");
            Nodes.knownKeys(root, "the file", TOP);
            if (root.get("version") != null && Nodes.integer(root.get("version"), "version", 1, 1) != 1) {
                throw FileError.at(root.get("version"), "version must be 1");
            }
            if (root.get("settings") != null) settings = settings(root.get("settings"));
            Nodes.list(Nodes.required(root, "reactions", "the file"), "reactions");
        } catch (FileError e) {
            report(e, null);
        }
        DerivedEvents events = new DerivedEvents(context.eventsStream(), context.eventsMaxLen(), settings.service());
        YamlNode cls = root.kind() == YamlNode.Kind.MAP ? root.get("classify") : null;
        if (cls != null) {
            if (cls.kind() != YamlNode.Kind.LIST) {
                report(FileError.at(cls, "classify must be a list of rules"), null);
            } else {
                Set<String> ids = new HashSet<>();
                for (YamlNode r : cls.items()) {
                    try {
                        FailureRule rule = failureRule(r);
                        if (!ids.add(rule.id())) throw FileError.at(r, "duplicate classify id '" + rule.id() + "'");
                        classify.add(rule);
                    } catch (FileError e) {
                        report(e, "classify rule");
                    }
                }
            }
        }
        YamlNode list = root.kind() == YamlNode.Kind.MAP ? root.get("reactions") : null;
        if (list != null && list.kind() == YamlNode.Kind.LIST) {
            ActionCompiler actions = new ActionCompiler(context, events);
            Set<String> ids = new HashSet<>();
            for (YamlNode r : list.items()) {
                try {
                    YamlNode idNode = r.kind() == YamlNode.Kind.MAP ? r.get("id") : null;
                    if (idNode != null && idNode.isScalar() && idNode.text() != null && !ids.add(idNode.text())) {
                        throw FileError.at(idNode, "duplicate reaction id '" + idNode.text() + "'");
                    }
                    Reaction reaction = reaction(r, actions, settings.retry());
                    if (reaction.enabled()) reactions.add(reaction);
                } catch (FileError e) {
                    report(e, idOf(r));
                }
            }
        }
        if (!problems.isEmpty()) throw new ReactionsFileException(problems);
        return new ReactionsFile(file, settings, new Classifier(classify), List.copyOf(reactions));
    }

    private void report(FileError e, String what) {
        problems.add(new RuleProblem(source, e.line, e.column, (what == null ? "" : what + ": ") + e.getMessage()));
    }

    private static String idOf(YamlNode r) {
        YamlNode id = r.kind() == YamlNode.Kind.MAP ? r.get("id") : null;
        return id != null && id.isScalar() && id.text() != null ? "reaction '" + id.text() + "'" : "reaction";
    }

    private Settings settings(YamlNode node) throws FileError {
        String where = "settings";
        Nodes.map(node, where);
        Nodes.knownKeys(node, where, List.of("service", "threads", "idempotencyTtl", "deadletterStream", "retry"));
        Settings d = Settings.DEFAULT;
        String service = node.get("service") == null ? d.service() : Nodes.string(node.get("service"), "settings.service");
        int threads = node.get("threads") == null ? d.threads() : (int) Nodes.integer(node.get("threads"), "settings.threads", 1, 64);
        Duration ttl = node.get("idempotencyTtl") == null ? d.idempotencyTtl()
                : Nodes.duration(node.get("idempotencyTtl"), "settings.idempotencyTtl");
        if (ttl.toSeconds() < 60) throw FileError.at(node.get("idempotencyTtl"), "settings.idempotencyTtl must be at least 1m");
        String dl = node.get("deadletterStream") == null ? d.deadletterStream()
                : Nodes.string(node.get("deadletterStream"), "settings.deadletterStream");
        RetryPolicy retry = node.get("retry") == null ? d.retry() : ActionCompiler.retrySection(node.get("retry"), "settings.retry");
        return new Settings(service, threads, ttl, dl, retry);
    }

    private static FailureRule failureRule(YamlNode node) throws FileError {
        String where = "classify rule";
        Nodes.map(node, where);
        Nodes.knownKeys(node, where, CLASSIFY_KEYS);
        String id = id(Nodes.required(node, "id", where));
        List<NameMatcher> types = new ArrayList<>();
        if (node.get("errorType") != null) {
            for (YamlNode t : Nodes.strings(node.get("errorType"), where + " errorType")) types.add(Glob.of(t.text()));
        }
        Pattern message = node.get("message") == null ? null : Nodes.regex(node.get("message"), where + " message");
        if (types.isEmpty() && message == null) {
            throw FileError.at(node, "classify rule '" + id + "' needs errorType or message (or both)");
        }
        String category = Nodes.string(Nodes.required(node, "category", where), where + " category");
        boolean recoverable = node.get("recoverable") != null && Nodes.bool(node.get("recoverable"), where + " recoverable");
        long delay = 0;
        int max = recoverable ? 3 : 0;
        YamlNode retry = node.get("retry");
        if (retry != null) {
            Nodes.map(retry, where + " retry");
            Nodes.knownKeys(retry, where + " retry", List.of("delay", "maxAttempts"));
            if (!recoverable) throw FileError.at(retry, "retry given for a failure that is not recoverable (add recoverable: true)");
            if (retry.get("delay") != null) delay = Nodes.duration(retry.get("delay"), where + " retry.delay").toMillis();
            if (retry.get("maxAttempts") != null) max = (int) Nodes.integer(retry.get("maxAttempts"), where + " retry.maxAttempts", 1, 1000);
        }
        return new FailureRule(id, types, message, category, recoverable, delay, max);
    }

    private Reaction reaction(YamlNode node, ActionCompiler actions, RetryPolicy defaults) throws FileError {
        String where = "the reaction";
        Nodes.map(node, "a reaction");
        Nodes.knownKeys(node, where, REACTION_KEYS);
        String id = id(Nodes.required(node, "id", where));
        String description = node.get("description") == null ? null : Nodes.string(node.get("description"), "description");
        boolean enabled = node.get("enabled") == null || Nodes.bool(node.get("enabled"), "enabled");
        List<String> on = new ArrayList<>();
        for (YamlNode t : Nodes.strings(Nodes.required(node, "on", where), "on")) {
            if (!t.text().matches("[A-Za-z0-9_.*?-]+")) {
                throw FileError.at(t, "on: '" + t.text() + "' is not an event type or glob (job.completed, job.*, *_failed)");
            }
            on.add(t.text());
        }
        List<NameMatcher> services = new ArrayList<>();
        if (node.get("service") != null) {
            for (YamlNode s : Nodes.strings(node.get("service"), "service")) services.add(Glob.of(s.text()));
        }
        List<Condition> whereConditions = node.get("where") == null ? List.of() : ConditionCompiler.list(node.get("where"), "where");
        YamlNode list = Nodes.list(Nodes.required(node, "actions", where), "actions");
        if (list.items().isEmpty()) throw FileError.at(list, "actions must not be empty");
        List<Action> compiled = new ArrayList<>();
        Set<String> actionIds = new HashSet<>();
        for (int i = 0; i < list.items().size(); i++) {
            Action a = actions.compile(list.items().get(i), i, defaults);
            if (!actionIds.add(a.id())) throw FileError.at(list.items().get(i), "duplicate action id '" + a.id() + "'");
            compiled.add(a);
        }
        return new Reaction(id, description, enabled, new TypeMatcher(on), services, whereConditions, List.copyOf(compiled));
    }

    private static String id(YamlNode node) throws FileError {
        String id = Nodes.string(node, "id");
        if (!ID.matcher(id).matches()) throw FileError.at(node, "id '" + id + "' may only use letters, digits and _ . : -");
        return id;
    }
}
