package io.emp.telemetry.agent.rules.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Iterator;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The editor schema (instrumentation-rules/emp-rules.schema.json) knows exactly the keys the loader accepts. */
class SchemaInSyncTest {
    private static JsonNode schema() throws Exception {
        try (InputStream in = SchemaInSyncTest.class.getClassLoader()
                .getResourceAsStream("emp-rules/emp-rules.schema.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static TreeSet<String> keys(JsonNode properties) {
        TreeSet<String> names = new TreeSet<>();
        for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static void assertSameKeys(String[] loader, JsonNode properties) {
        assertEquals(new TreeSet<>(Arrays.asList(loader)), keys(properties));
    }

    @Test
    void everySectionListsTheSameKeys() throws Exception {
        JsonNode rule = schema().at("/$defs/rule/properties");
        assertSameKeys(RuleCompiler.RULE_KEYS, rule);
        String[] typeKeys = Arrays.copyOf(MatcherCompiler.TYPE_KEYS, MatcherCompiler.TYPE_KEYS.length + 2);
        typeKeys[typeKeys.length - 2] = MatcherCompiler.ALLOW_JDK_TYPES;
        typeKeys[typeKeys.length - 1] = MatcherCompiler.ALLOW_ALL_TYPES;
        assertSameKeys(typeKeys, rule.at("/type/properties"));
        assertSameKeys(MatcherCompiler.METHOD_KEYS, rule.at("/method/properties"));
        assertSameKeys(AttributeCompiler.CORRELATION_KEYS.toArray(new String[0]), rule.at("/correlation/properties"));
        assertSameKeys(RuleCompiler.EMIT_KEYS, rule.at("/emit/properties"));
        assertSameKeys(RuleCompiler.SAMPLING_KEYS, rule.at("/sampling/properties"));
        assertSameKeys(RuleCompiler.EVENT_KEYS, schema().at("/$defs/event/oneOf/1/properties"));
        assertSameKeys(RuleCompiler.CONDITION_KEYS,
                schema().at("/$defs/event/oneOf/1/properties/when/oneOf/1/properties"));
        assertSameKeys(new String[] {"version", "rules"}, schema().at("/properties"));
    }
}
