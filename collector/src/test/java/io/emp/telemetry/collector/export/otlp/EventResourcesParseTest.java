package io.emp.telemetry.collector.export.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.resources.Resource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The resource JSON an agent writes is read with jackson-core's parser; it must give the attributes databind's tree
 * reading gave before (the reference below is that earlier code, kept here only to compare against).
 */
class EventResourcesParseTest {
    private static final ObjectMapper DATABIND = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"service.name\":\"api\",\"service.instance.id\":\"i-1\",\"process.pid\":4242,\"host.arch\":\"amd64\"}",
            "{\"a\":true,\"b\":false,\"c\":-7,\"d\":1.5,\"e\":1e20,\"f\":12345678901234567890,\"g\":-0.0}",
            "{\"process.command_args\":[\"java\",\"-jar\",\"x.jar\"],\"mixed\":[1,2.5,true,null,\"s\",[1],{\"k\":1}],\"empty\":[]}",
            "{\"nothing\":null,\"nested\":{\"x\":{\"y\":[1,2]}},\"after\":\"kept\"}",
            "{\"unicode\":\"h\\u00e9llo \\ud83d\\ude00\",\"escaped\":\"a\\\"b\\\\c\\n\"}",
            "{}",
            "[1,2,3]",
            "\"just a string\"",
            "42",
            "",
            "{\"broken\":",
            "{\"a\":\"b\"} trailing",
            "{\"dup\":\"first\",\"dup\":\"second\"}"
    })
    void readsWhatTheDatabindTreeRead(String json) {
        assertEquals(databindReference(json), EventResources.parse(json), json);
    }

    private static Resource databindReference(String json) {
        AttributesBuilder b = Attributes.builder();
        try {
            JsonNode root = DATABIND.readTree(json);
            if (root == null || !root.isObject()) return Resource.empty();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode v = f.getValue();
                if (v.isTextual()) b.put(f.getKey(), v.asText());
                else if (v.isBoolean()) b.put(f.getKey(), v.asBoolean());
                else if (v.isIntegralNumber()) b.put(f.getKey(), v.asLong());
                else if (v.isNumber()) b.put(f.getKey(), v.asDouble());
                else if (v.isArray()) {
                    List<String> values = new ArrayList<>();
                    v.forEach(e -> values.add(e.asText()));
                    b.put(AttributeKey.stringArrayKey(f.getKey()), values);
                }
            }
        } catch (java.io.IOException e) {
            return Resource.empty();
        }
        return Resource.create(b.build());
    }
}
