package io.emp.telemetry.collector.reactions.template;

import io.emp.telemetry.collector.reactions.match.EventContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A structured template (a webhook body, a published message, the data of an emitted event): mappings and lists
 * as written, every string a {@link Template}, numbers and booleans kept.
 */
public sealed interface ValueTemplate {
    Object render(EventContext ctx) throws Template.MissingValue;

    record Text(Template template) implements ValueTemplate {
        @Override
        public Object render(EventContext ctx) throws Template.MissingValue {
            return template.renderValue(ctx);
        }
    }

    record Constant(Object value) implements ValueTemplate {
        @Override
        public Object render(EventContext ctx) {
            return value;
        }
    }

    record MapOf(Map<String, ValueTemplate> entries) implements ValueTemplate {
        @Override
        public Map<String, Object> render(EventContext ctx) throws Template.MissingValue {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, ValueTemplate> e : entries.entrySet()) out.put(e.getKey(), e.getValue().render(ctx));
            return out;
        }
    }

    record ListOf(List<ValueTemplate> items) implements ValueTemplate {
        @Override
        public List<Object> render(EventContext ctx) throws Template.MissingValue {
            List<Object> out = new ArrayList<>();
            for (ValueTemplate t : items) out.add(t.render(ctx));
            return out;
        }
    }
}
