package io.emp.telemetry.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The streaming (jackson-core) encoder writes exactly the JSON databind wrote before, and the streaming
 * decoder reads {@code data} into exactly the map (keys, order, value types) databind read it into.
 */
class EventCodecStreamingTest {
    @Test
    void decodesDataAsDatabindDid() throws Exception {
        ObjectMapper databind = new ObjectMapper();
        for (String json : new String[]{
                "{}",
                "{\"s\":\"quote \\\" é 😀 \\u0001\",\"i\":42,\"neg\":-7,\"l\":1099511627776,\"big\":123456789012345678901234,"
                        + "\"d\":1.5,\"e\":1e3,\"t\":true,\"f\":false,\"n\":null,\"dup\":1,\"dup\":2}",
                "{\"nested\":{\"a\":[1,\"x\",{\"b\":null},[]],\"c\":{}}}",
                " {\"trailing\":1} ignored"}) {
            Map<String, Object> expected = databind.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>() {
            });
            Map<String, Object> actual = EventCodec.decodeData(json);
            assertEquals(expected, actual, json);
            assertEquals(String.valueOf(expected.keySet()), String.valueOf(actual.keySet()), "order of " + json);
            for (String k : expected.keySet()) {
                Object v = expected.get(k);
                assertEquals(v == null ? null : v.getClass(), actual.get(k) == null ? null : actual.get(k).getClass(), k + " in " + json);
            }
        }
        assertNull(EventCodec.decodeData("null"));
        for (String bad : new String[]{"[1]", "5", "\"s\"", "{\"a\":", "{\"a\" 1}", ""}) {
            assertThrows(java.io.IOException.class, () -> EventCodec.decodeData(bad), bad);
        }
    }

    @Test
    void sameJsonAsDatabind() throws Exception {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("s", "quote \" backslash \\ newline \n tab \t unicode é 😀 control \u0001");
        data.put("i", 42);
        data.put("l", 1L << 40);
        data.put("d", 1.5);
        data.put("f", 2.25f);
        data.put("b", true);
        data.put("big", new BigDecimal("12345678901234567890.5"));
        data.put("key with \"quotes\"", "v");
        assertEquals(new ObjectMapper().writeValueAsString(data), EventCodec.toJson(data));
        assertEquals("{\"n\":7}", EventCodec.toJson(Map.of("n", new AtomicLong(7))));
    }

    @Test
    void encodedEventDecodesWithInstance() throws Exception {
        TelemetryEvent e = TelemetryEvent.builder("job.done").timestamp(1L).service("svc")
                .traceId("0123456789abcdef0123456789abcdef").spanId("0123456789abcdef")
                .attribute("x", "y").attribute("n", 3).build();
        Map<String, String> fields = EventCodec.encode(e, "inst-1");
        assertEquals("inst-1", fields.get(EventFields.INSTANCE));
        TelemetryEvent back = EventCodec.decode(fields);
        assertEquals("y", back.data().get("x"));
        assertEquals(3, back.data().get("n"));
    }
}
