package io.emp.telemetry.collector.reactions.file;

import io.emp.telemetry.agent.rules.yaml.YamlNode;
import io.emp.telemetry.collector.reactions.actions.Action;
import io.emp.telemetry.collector.reactions.actions.EmitAction;
import io.emp.telemetry.collector.reactions.actions.FcallAction;
import io.emp.telemetry.collector.reactions.actions.HincrbyAction;
import io.emp.telemetry.collector.reactions.actions.HsetAction;
import io.emp.telemetry.collector.reactions.actions.LogAction;
import io.emp.telemetry.collector.reactions.actions.Planner;
import io.emp.telemetry.collector.reactions.actions.PluginAction;
import io.emp.telemetry.collector.reactions.actions.PublishAction;
import io.emp.telemetry.collector.reactions.actions.WebhookAction;
import io.emp.telemetry.collector.reactions.delivery.DerivedEvents;
import io.emp.telemetry.collector.reactions.delivery.RetryPolicy;
import io.emp.telemetry.collector.reactions.match.Condition;
import io.emp.telemetry.collector.reactions.match.EventPath;
import io.emp.telemetry.collector.reactions.template.Template;
import io.emp.telemetry.collector.reactions.template.ValueTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One entry of a reaction's {@code actions:} list: {@code {<kind>: {...}, id?, when?, retry?}}. */
final class ActionCompiler {
    static final List<String> BUILT_IN = List.of("redis.hset", "redis.hincrby", "redis.publish", "redis.fcall", "emit",
            "webhook", "log");
    private static final List<String> COMMON = List.of("id", "when", "retry");
    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");
    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");

    private final CompileContext context;
    private final DerivedEvents events;

    ActionCompiler(CompileContext context, DerivedEvents events) {
        this.context = context;
        this.events = events;
    }

    Action compile(YamlNode node, int index, RetryPolicy defaults) throws FileError {
        Nodes.map(node, "an action");
        YamlNode.Entry kindEntry = null;
        for (YamlNode.Entry e : node.entries()) {
            if (COMMON.contains(e.key())) continue;
            if (kindEntry != null) {
                throw FileError.at(e, "an action has one kind, but this one has '" + kindEntry.key() + "' and '" + e.key()
                        + "' (write them as two list entries)");
            }
            kindEntry = e;
        }
        if (kindEntry == null) throw FileError.at(node, "action without a kind; one of " + kinds());
        String kind = kindEntry.key();
        String where = "action " + kind;
        Planner planner = planner(kindEntry, where);
        String id = node.get("id") != null ? Nodes.string(node.get("id"), "action id") : index + "-" + kind;
        List<Condition> when = node.get("when") != null ? ConditionCompiler.list(node.get("when"), where + " when")
                : List.of();
        RetryPolicy retry = node.get("retry") != null ? retry(node.get("retry"), defaults, where + " retry") : defaults;
        return new Action(id, kind, when, retry, planner);
    }

    private String kinds() {
        List<String> all = new ArrayList<>(BUILT_IN);
        all.addAll(context.plugins().keySet());
        return String.join(", ", all);
    }

    private Planner planner(YamlNode.Entry entry, String where) throws FileError {
        YamlNode v = entry.value();
        switch (entry.key()) {
            case "redis.hset": {
                Nodes.map(v, where);
                Nodes.knownKeys(v, where, List.of("key", "fields", "ttl"));
                YamlNode fieldsNode = Nodes.map(Nodes.required(v, "fields", where), where + " fields");
                if (fieldsNode.entries().isEmpty()) throw FileError.at(fieldsNode, where + " fields must not be empty");
                Map<Template, Template> fields = new LinkedHashMap<>();
                for (YamlNode.Entry f : fieldsNode.entries()) {
                    try {
                        fields.put(Template.parse(f.key()), Nodes.template(f.value(), where + " fields." + f.key()));
                    } catch (EventPath.PathError e) {
                        throw new FileError(f.line(), f.column() + e.offset(), "bad template '" + f.key() + "' in " + where + " field name: " + e.getMessage());
                    }
                }
                long ttl = v.get("ttl") == null ? 0 : Nodes.duration(v.get("ttl"), where + " ttl").toSeconds();
                return new HsetAction(Nodes.template(Nodes.required(v, "key", where), where + " key"), fields, ttl);
            }
            case "redis.hincrby": {
                Nodes.map(v, where);
                Nodes.knownKeys(v, where, List.of("key", "field", "by"));
                Template by = v.get("by") == null ? Template.literal("1") : Nodes.template(v.get("by"), where + " by");
                return new HincrbyAction(Nodes.template(Nodes.required(v, "key", where), where + " key"),
                        Nodes.template(Nodes.required(v, "field", where), where + " field"), by);
            }
            case "redis.publish": {
                Nodes.map(v, where);
                Nodes.knownKeys(v, where, List.of("channel", "message"));
                return new PublishAction(Nodes.template(Nodes.required(v, "channel", where), where + " channel"),
                        Nodes.value(Nodes.required(v, "message", where), where + " message"));
            }
            case "redis.fcall": {
                Nodes.map(v, where);
                Nodes.knownKeys(v, where, List.of("function", "keys", "args"));
                YamlNode fn = Nodes.required(v, "function", where);
                String function = Nodes.string(fn, where + " function");
                if (!function.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw FileError.at(fn, where + " function must be a Redis function name (letters, digits, _) but is '" + function + "'");
                }
                return new FcallAction(function,
                        v.get("keys") == null ? List.of() : Nodes.templateList(v.get("keys"), where + " keys"),
                        v.get("args") == null ? List.of() : Nodes.templateList(v.get("args"), where + " args"));
            }
            case "emit": {
                Nodes.map(v, where);
                Nodes.knownKeys(v, where, List.of("event", "data"));
                YamlNode typeNode = Nodes.required(v, "event", where);
                String type = Nodes.string(typeNode, where + " event");
                if (!EVENT_TYPE.matcher(type).matches()) {
                    throw FileError.at(typeNode, where + " event must be entity.action in lower case (job.retry_scheduled) but is '" + type + "'");
                }
                if (type.startsWith("reaction.")) throw FileError.at(typeNode, "reaction.* events are the engine's own; pick another type");
                ValueTemplate data = v.get("data") == null ? new ValueTemplate.MapOf(Map.of())
                        : Nodes.value(Nodes.map(v.get("data"), where + " data"), where + " data");
                return new EmitAction(type, (ValueTemplate.MapOf) data, events);
            }
            case "webhook":
                return webhook(v, where);
            case "log": {
                Nodes.map(v, where);
                Nodes.knownKeys(v, where, List.of("message", "level"));
                Level level = Level.INFO;
                if (v.get("level") != null) {
                    String l = Nodes.string(v.get("level"), where + " level");
                    level = switch (l) {
                        case "info" -> Level.INFO;
                        case "warn", "warning" -> Level.WARNING;
                        case "debug" -> Level.FINE;
                        default -> throw FileError.at(v.get("level"), where + " level must be debug, info or warn but is '" + l + "'");
                    };
                }
                return new LogAction(Nodes.template(Nodes.required(v, "message", where), where + " message"), level);
            }
            default: {
                var factory = context.plugins().get(entry.key());
                if (factory == null) {
                    throw FileError.at(entry, "unknown action '" + entry.key() + "'; known: " + kinds()
                            + (context.plugins().isEmpty() ? " (no plugins loaded)" : ""));
                }
                Object config = Nodes.plain(v);
                try {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> m = config instanceof Map<?, ?> ? (Map<String, Object>) config : Map.of("value", config);
                    return new PluginAction(entry.key(), factory.create(m));
                } catch (RuntimeException e) {
                    throw FileError.at(v, where + ": " + e.getMessage());
                }
            }
        }
    }

    private Planner webhook(YamlNode v, String where) throws FileError {
        Nodes.map(v, where);
        Nodes.knownKeys(v, where, List.of("url", "method", "headers", "body", "secret", "signatureHeader", "timeout"));
        YamlNode urlNode = Nodes.required(v, "url", where);
        Template url = url(urlNode, where);
        String method = v.get("method") == null ? "POST" : Nodes.string(v.get("method"), where + " method");
        if (!List.of("POST", "PUT", "PATCH").contains(method)) {
            throw FileError.at(v.get("method"), where + " method must be POST, PUT or PATCH but is '" + method + "'");
        }
        Map<String, Template> headers = new LinkedHashMap<>();
        if (v.get("headers") != null) {
            for (YamlNode.Entry h : Nodes.map(v.get("headers"), where + " headers").entries()) {
                String value = expand(h.value(), where + " header " + h.key());
                headers.put(h.key(), Template.literal(value));
            }
        }
        byte[] secret = v.get("secret") == null ? null
                : expand(v.get("secret"), where + " secret").getBytes(StandardCharsets.UTF_8);
        String signatureHeader = v.get("signatureHeader") == null ? "X-Emp-Signature-256"
                : Nodes.string(v.get("signatureHeader"), where + " signatureHeader");
        Duration timeout = v.get("timeout") == null ? Duration.ofSeconds(10) : Nodes.duration(v.get("timeout"), where + " timeout");
        ValueTemplate body = v.get("body") == null ? null : Nodes.value(v.get("body"), where + " body");
        return new WebhookAction(url, method, headers, body, secret, signatureHeader, timeout);
    }

    /** The URL with {@code ${NAME}} expanded, checked to be http(s), as a template. */
    private Template url(YamlNode node, String where) throws FileError {
        String expanded = expand(node, where + " url");
        if (!expanded.startsWith("http://") && !expanded.startsWith("https://")) {
            throw FileError.at(node, where + " url must start with http:// or https:// but is '" + node.text() + "'");
        }
        try {
            return Template.parse(expanded);
        } catch (EventPath.PathError e) {
            throw FileError.at(node, "bad template in " + where + " url: " + e.getMessage());
        }
    }

    /** {@code ${NAME}} (or {@code ${NAME:-default}}) from the environment; a missing variable is an error (a webhook without its secret is not sent). */
    private String expand(YamlNode node, String what) throws FileError {
        String text = Nodes.string(node, what);
        Matcher m = ENV.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = context.env().get(m.group(1));
            if (value == null || value.isEmpty()) value = m.group(3);
            if (value == null) {
                throw new FileError(node.line(), node.columnOf(m.start()), what + ": environment variable " + m.group(1) + " is not set");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static RetryPolicy retry(YamlNode node, RetryPolicy defaults, String where) throws FileError {
        Nodes.map(node, where);
        Nodes.knownKeys(node, where, List.of("attempts", "initial", "max"));
        int attempts = node.get("attempts") == null ? defaults.attempts()
                : (int) Nodes.integer(node.get("attempts"), where + " attempts", 1, 100);
        Duration initial = node.get("initial") == null ? defaults.initial() : Nodes.duration(node.get("initial"), where + " initial");
        Duration max = node.get("max") == null ? defaults.max() : Nodes.duration(node.get("max"), where + " max");
        return new RetryPolicy(attempts, initial, max);
    }

    static RetryPolicy retrySection(YamlNode node, String where) throws FileError {
        return retry(node, RetryPolicy.DEFAULT, where);
    }
}
