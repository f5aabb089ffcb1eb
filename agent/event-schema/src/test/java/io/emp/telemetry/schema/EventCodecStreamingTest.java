package io.emp.telemetry.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The streaming (jackson-core) encoder writes exactly the JSON databind wrote before, and decodes back. */
class EventCodecStreamingTest {
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
