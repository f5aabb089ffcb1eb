package io.emp.telemetry.agent.rules.compile;

import io.emp.telemetry.agent.rules.ChannelTemplate;
import io.emp.telemetry.agent.rules.CorrelationSpec;
import io.emp.telemetry.agent.rules.EventSpec;
import io.emp.telemetry.agent.rules.InstrumentationRule;
import io.emp.telemetry.agent.rules.Phase;
import io.emp.telemetry.agent.rules.PhaseSpec;
import io.emp.telemetry.agent.rules.Redactor;
import io.emp.telemetry.agent.rules.Sampler;
import io.emp.telemetry.agent.rules.match.MethodMatcherBuilder;
import io.emp.telemetry.agent.rules.match.TypeMatcherBuilder;
import io.emp.telemetry.agent.rules.path.Condition;
import io.emp.telemetry.agent.rules.path.ValueSource;
import io.emp.telemetry.agent.rules.yaml.YamlNode;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Turns one validated {@code - id: ...} mapping into an {@link InstrumentationRule}; the first error aborts it. */
final class RuleCompiler {
    static final String[] RULE_KEYS = {"id", "description", "enabled", "type", "method", "correlation", "attributes",
        "emit", "sampling", "redact"};
    static final String[] EMIT_KEYS = {"enter", "return", "exception"};
    /** A second event of the same phase, written right after the first, in the same span ({@code then:}). */
    static final String THEN = "then";

    static final String[] EVENT_KEYS = {"event", "channel", "when", "attributes", THEN};
    static final String[] CONDITION_KEYS = {"path", "equals", "notEquals"};
    static final String[] SAMPLING_KEYS = {"probability", "maxPerSecond"};
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]*");
    private static final Pattern EVENT_TYPE = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)+");

    private RuleCompiler() {
    }

    /** The rule's id, validated; called first so that later problems can name the rule. */
    static String id(YamlNode rule) throws RuleError {
        Fields.map(rule, "a rule");
        YamlNode idNode = Fields.required(rule, "id", "rule");
        String id = Fields.string(idNode, "id");
        if (!ID.matcher(id).matches()) {
            throw RuleError.at(idNode, "id '" + id + "' may only contain letters, digits and _ . : -");
        }
        return id;
    }

    static boolean enabled(YamlNode rule) throws RuleError {
        YamlNode node = rule.get("enabled");
        return node == null || Fields.bool(node, "enabled");
    }

    static InstrumentationRule compile(String sourceName, YamlNode rule) throws RuleError {
        String id = id(rule);
        Fields.knownKeys(rule, "the rule", RULE_KEYS);
        enabled(rule);
        YamlNode descriptionNode = rule.get("description");
        String description = descriptionNode == null ? null : Fields.string(descriptionNode, "description");

        TypeMatcherBuilder type = MatcherCompiler.type(Fields.required(rule, "type", "rule '" + id + "'"));
        int[] maxArgs = new int[1];
        MethodMatcherBuilder method = MatcherCompiler.method(Fields.required(rule, "method", "rule '" + id + "'"),
                maxArgs);
        SourceCompiler sources = new SourceCompiler(maxArgs[0]);

        YamlNode redactNode = rule.get("redact");
        List<String> extra = redactNode == null ? Collections.<String>emptyList()
                : Fields.strings(redactNode, "redact");
        Redactor redactor = Redactor.withExtraNames(extra);

        CorrelationSpec correlation = AttributeCompiler.correlation(rule.get("correlation"), sources);
        AttributeCompiler attributes = new AttributeCompiler(sources, redactor, rule.get("attributes"));
        Map<Phase, PhaseSpec> phases = phases(Fields.required(rule, "emit", "rule '" + id + "'"), attributes, sources);
        Sampler sampler = sampling(rule.get("sampling"));

        return new InstrumentationRule(id, sourceName + ":" + rule.line(), description, type.build(), method.build(),
                type.namesJdkType(), phases, correlation, sampler, redactor);
    }

    private static Map<Phase, PhaseSpec> phases(YamlNode emit, AttributeCompiler attributes, SourceCompiler sources)
            throws RuleError {
        Fields.map(emit, "emit");
        Fields.knownKeys(emit, "emit", EMIT_KEYS);
        if (emit.entries().isEmpty()) {
            throw RuleError.at(emit, "emit needs at least one of: enter, return, exception");
        }
        Map<Phase, PhaseSpec> phases = new EnumMap<>(Phase.class);
        for (YamlNode.Entry e : emit.entries()) {
            Phase phase = "enter".equals(e.key()) ? Phase.ENTER : "return".equals(e.key()) ? Phase.RETURN
                    : Phase.EXCEPTION;
            phases.put(phase, phase(e.value(), "emit." + e.key(), phase, attributes, sources));
        }
        return phases;
    }

    private static PhaseSpec phase(YamlNode node, String where, Phase phase, AttributeCompiler attributes,
            SourceCompiler sources) throws RuleError {
        if (node.kind() == YamlNode.Kind.STRING) {
            // Short form: "enter: connector.processing_started"
            return new PhaseSpec(new EventSpec(eventType(node, where), null),
                    attributes.forPhase(null, phase, where), null);
        }
        Fields.map(node, where);
        Fields.knownKeys(node, where, EVENT_KEYS);
        String eventType = eventType(Fields.required(node, "event", where), where + ".event");
        SourceCompiler.Scope scope = AttributeCompiler.scope(phase);
        YamlNode whenNode = node.get("when");
        PhaseSpec partial = new PhaseSpec(null, attributes.forPhase(node.get("attributes"), phase, where),
                whenNode == null ? null : condition(whenNode, where + ".when", scope, sources));
        ChannelTemplate channel = null;
        YamlNode channelNode = node.get("channel");
        if (channelNode != null) {
            channel = AttributeCompiler.channel(channelNode, where + ".channel", partial.attributes());
        }
        YamlNode thenNode = node.get(THEN);
        PhaseSpec then = thenNode == null ? null : phase(thenNode, where + "." + THEN, phase, attributes, sources);
        return new PhaseSpec(new EventSpec(eventType, channel), partial.attributes(), partial.when(), then);
    }

    /** A value that must be present and not false, or {@code {path: ..., equals|notEquals: value(s)}}. */
    private static ValueSource condition(YamlNode node, String where, SourceCompiler.Scope scope,
            SourceCompiler sources) throws RuleError {
        if (node.kind() != YamlNode.Kind.MAP || node.get("value") != null) {
            return sources.compile(node, where, scope);
        }
        Fields.knownKeys(node, where, CONDITION_KEYS);
        ValueSource path = sources.compile(Fields.required(node, "path", where), where + ".path", scope);
        YamlNode equals = node.get("equals");
        YamlNode notEquals = node.get("notEquals");
        if ((equals == null) == (notEquals == null)) {
            throw RuleError.at(node, where + " needs exactly one of 'equals' or 'notEquals'");
        }
        return equals != null ? new Condition(path, Fields.strings(equals, where + ".equals"), false)
                : new Condition(path, Fields.strings(notEquals, where + ".notEquals"), true);
    }

    private static String eventType(YamlNode node, String what) throws RuleError {
        String type = Fields.string(node, what);
        if (!EVENT_TYPE.matcher(type).matches()) {
            throw RuleError.at(node, what + " '" + type + "' must look like entity.action, e.g. job.completed");
        }
        return type;
    }

    private static Sampler sampling(YamlNode node) throws RuleError {
        if (node == null) {
            return Sampler.ALWAYS;
        }
        Fields.map(node, "sampling");
        Fields.knownKeys(node, "sampling", SAMPLING_KEYS);
        YamlNode p = node.get("probability");
        YamlNode rate = node.get("maxPerSecond");
        double probability = p == null ? 1.0 : Fields.number(p, "sampling.probability", 0.0, 1.0);
        double maxPerSecond = rate == null ? -1 : Fields.number(rate, "sampling.maxPerSecond", 0.0, 1.0e9);
        return Sampler.of(probability, maxPerSecond);
    }
}
