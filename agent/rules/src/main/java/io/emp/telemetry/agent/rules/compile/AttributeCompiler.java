package io.emp.telemetry.agent.rules.compile;

import io.emp.telemetry.agent.rules.AttributeSpec;
import io.emp.telemetry.agent.rules.ChannelTemplate;
import io.emp.telemetry.agent.rules.CorrelationSpec;
import io.emp.telemetry.agent.rules.Phase;
import io.emp.telemetry.agent.rules.Redactor;
import io.emp.telemetry.agent.rules.path.ValueSource;
import io.emp.telemetry.agent.rules.yaml.YamlNode;
import io.emp.telemetry.schema.Limits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Compiles attribute maps, the correlation section and channel templates. */
final class AttributeCompiler {
    static final List<String> CORRELATION_KEYS = Arrays.asList("jobId", "workerId", "machineId", "userId");

    private final SourceCompiler sources;
    private final Redactor redactor;
    private final List<AttributeSpec> ruleWide;

    AttributeCompiler(SourceCompiler sources, Redactor redactor, YamlNode ruleAttributes) throws RuleError {
        this.sources = sources;
        this.redactor = redactor;
        this.ruleWide = ruleAttributes == null ? new ArrayList<AttributeSpec>()
                : compile(ruleAttributes, "attributes", SourceCompiler.Scope.ALL_PHASES);
    }

    static SourceCompiler.Scope scope(Phase phase) {
        return phase == Phase.ENTER ? SourceCompiler.Scope.ENTER
                : phase == Phase.RETURN ? SourceCompiler.Scope.RETURN : SourceCompiler.Scope.EXCEPTION;
    }

    /** Rule-wide attributes followed by the phase's own; a phase attribute replaces a rule-wide one of that name. */
    List<AttributeSpec> forPhase(YamlNode phaseAttributes, Phase phase, String where) throws RuleError {
        Map<String, AttributeSpec> merged = new LinkedHashMap<>();
        for (AttributeSpec a : ruleWide) {
            merged.put(a.name(), a);
        }
        if (phaseAttributes != null) {
            for (AttributeSpec a : compile(phaseAttributes, where + ".attributes", scope(phase))) {
                merged.put(a.name(), a);
            }
        }
        return new ArrayList<>(merged.values());
    }

    private List<AttributeSpec> compile(YamlNode map, String where, SourceCompiler.Scope scope) throws RuleError {
        Fields.map(map, where);
        if (map.entries().size() > Limits.MAX_ATTRIBUTES) {
            throw RuleError.at(map, where + " has " + map.entries().size() + " entries; at most "
                    + Limits.MAX_ATTRIBUTES + " fit in one event");
        }
        List<AttributeSpec> out = new ArrayList<>();
        for (YamlNode.Entry e : map.entries()) {
            if (e.key().trim().isEmpty()) {
                throw RuleError.at(e, "attribute names must not be empty");
            }
            ValueSource source = sources.compile(e.value(), where + "." + e.key(), scope);
            // masked when the attribute's name or any name the path reads is sensitive (x: args[0].password)
            out.add(new AttributeSpec(e.key(), source,
                    redactor.isSensitive(e.key()) || source.readsName(redactor::isSensitive)));
        }
        return out;
    }

    static CorrelationSpec correlation(YamlNode node, SourceCompiler sources) throws RuleError {
        if (node == null) {
            return CorrelationSpec.NONE;
        }
        Fields.map(node, "correlation");
        Fields.knownKeys(node, "correlation", CORRELATION_KEYS.toArray(new String[0]));
        ValueSource[] ids = new ValueSource[CORRELATION_KEYS.size()];
        for (YamlNode.Entry e : node.entries()) {
            ids[CORRELATION_KEYS.indexOf(e.key())] = sources.compile(e.value(), "correlation." + e.key(),
                    SourceCompiler.Scope.EVERYWHERE);
        }
        return new CorrelationSpec(ids[0], ids[1], ids[2], ids[3]);
    }

    /** Placeholders must be correlation ids or attributes of the same event, or the channel could never resolve. */
    static ChannelTemplate channel(YamlNode node, String what, List<AttributeSpec> attributes) throws RuleError {
        String text = Fields.string(node, what);
        ChannelTemplate template;
        try {
            template = ChannelTemplate.parse(text);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            int offset = 0;
            if (message.startsWith("offset ")) {
                int colon = message.indexOf(':');
                offset = Integer.parseInt(message.substring(7, colon));
                message = message.substring(colon + 2);
            }
            throw new RuleError(node.line(), node.columnOf(offset), "bad channel in " + what + ": " + message);
        }
        for (String placeholder : template.placeholders()) {
            boolean known = CORRELATION_KEYS.contains(placeholder);
            for (AttributeSpec a : attributes) {
                known |= a.name().equals(placeholder);
            }
            if (!known) {
                throw new RuleError(node.line(), node.columnOf(text.indexOf("{" + placeholder + "}")),
                        "unknown placeholder {" + placeholder + "} in " + what
                                + ": use jobId, workerId, machineId, userId or an attribute of this event");
            }
        }
        return template;
    }
}
