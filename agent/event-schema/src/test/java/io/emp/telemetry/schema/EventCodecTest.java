package io.emp.telemetry.schema;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventCodecTest {
    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String SPAN = "b7ad6b7169203331";

    private static TelemetryEvent.Builder sample() {
        return TelemetryEvent.builder("job.created").timestamp(1700000000123L).service("api-server")
                .traceId(TRACE).spanId(SPAN).jobId("job-1").userId("u-7")
                .attribute("model", "sdxl").attribute("steps", 30).attribute("nsfw", false);
    }

    @Test
    void roundTripsEveryField() throws Exception {
        TelemetryEvent e = sample().parentSpanId("00f067aa0ba902b7").workerId("w-1").machineId("m-1")
                .error(new IllegalStateException("boom")).build();
        Map<String, String> fields = EventCodec.encode(e);
        assertEquals("1", fields.get(EventFields.VERSION));
        assertEquals("{\"model\":\"sdxl\",\"steps\":30,\"nsfw\":false}", fields.get(EventFields.DATA));
        assertEquals("java.lang.IllegalStateException", fields.get(EventFields.ERROR_TYPE));
        TelemetryEvent back = EventCodec.decode(fields);
        assertEquals(e.eventType(), back.eventType());
        assertEquals(e.jobId(), back.jobId());
        assertEquals(e.parentSpanId(), back.parentSpanId());
        assertEquals(e.data(), back.data());
        assertEquals("boom", back.errorMessage());
        assertTrue(back.errorStack().startsWith("java.lang.IllegalStateException: boom\n\tat "));
    }

    @Test
    void optionalFieldsAreLeftOut() throws Exception {
        Map<String, String> fields = EventCodec.encode(sample().build());
        assertTrue(!fields.containsKey(EventFields.WORKER_ID) && !fields.containsKey(EventFields.ERROR_TYPE));
        assertNull(EventCodec.decode(fields).workerId());
    }

    @Test
    void oversizedEventIsCutAndMarked() {
        TelemetryEvent.Builder b = sample();
        for (int i = 0; i < 200; i++) b.attribute("k" + i, "x".repeat(5000));
        Map<String, String> fields = EventCodec.encode(b.build());
        int bytes = fields.entrySet().stream().mapToInt(en -> en.getKey().length() + en.getValue().length()).sum();
        assertTrue(bytes <= Limits.MAX_ENCODED_EVENT_BYTES, "encoded size " + bytes);
        assertTrue(fields.get(EventFields.DATA).contains("\"emp.truncated\":true"));
        assertTrue(fields.get(EventFields.DATA).contains(Limits.TRUNCATION_MARK));
    }

    @Test
    void malformedEntriesNameTheField() {
        Map<String, String> fields = new HashMap<>(EventCodec.encode(sample().build()));
        fields.put(EventFields.DATA, "{not json");
        MalformedEventException ex = assertThrows(MalformedEventException.class, () -> EventCodec.decode(fields));
        assertTrue(ex.getMessage().contains("'data'"), ex.getMessage());
        fields.remove(EventFields.VERSION);
        assertThrows(MalformedEventException.class, () -> EventCodec.decode(fields));
        Map<String, String> badTrace = new HashMap<>(EventCodec.encode(sample().build()));
        badTrace.put(EventFields.TRACE_ID, "xyz");
        assertThrows(MalformedEventException.class, () -> EventCodec.decode(badTrace));
    }

    @Test
    void theWritersMachineIdFillsOnlyEventsThatNameNoMachine() {
        assertEquals("host-m", EventCodec.encode(sample().build(), "inst", "host-m").get(EventFields.MACHINE_ID));
        assertEquals("app-m", EventCodec.encode(sample().machineId("app-m").build(), "inst", "host-m").get(EventFields.MACHINE_ID));
        assertEquals(null, EventCodec.encode(sample().build(), "inst").get(EventFields.MACHINE_ID));
    }

    /**
     * {@code data} is streamed straight to the generator unless a name needs cutting: both paths must give what
     * shaping through a map (the original definition, kept here as the reference) gives.
     */
    @Test
    void streamedDataEqualsTheMapShapedReference() {
        java.util.Random random = new java.util.Random(42);
        String[] texts = {"", "plain", "é日本\uD83D\uDE00", "q\"uote\\", "x".repeat(700), "n".repeat(200), Attributes.TRUNCATED};
        for (int round = 0; round < 500; round++) {
            Map<String, Object> data = new java.util.LinkedHashMap<>();
            int n = random.nextInt(Limits.MAX_ATTRIBUTES + 8);
            for (int i = 0; i < n; i++) {
                String name = random.nextInt(40) == 0 ? texts[random.nextInt(texts.length)] + i : "k" + i;
                int kind = random.nextInt(5);
                Object value = kind == 0 ? (Object) random.nextLong() : kind == 1 ? (Object) random.nextBoolean()
                        : kind == 2 ? (Object) random.nextDouble() : texts[random.nextInt(texts.length)];
                data.put(name, value);
            }
            for (int cap : new int[]{Limits.MAX_VALUE_CHARS, 512, 32}) {
                assertEquals(EventCodec.toJson(referenceShape(data, cap)), EventCodec.encodeData(data, cap), data.toString());
            }
        }
    }

    private static Map<String, Object> referenceShape(Map<String, Object> data, int valueCap) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        boolean truncated = false;
        for (Map.Entry<String, Object> entry : data.entrySet()) {
            if (out.size() >= Limits.MAX_ATTRIBUTES) {
                truncated = true;
                break;
            }
            Object v = entry.getValue();
            if (v instanceof Number || v instanceof Boolean) {
                out.put(entry.getKey(), v);
            } else {
                String c = EventCodec.cut(String.valueOf(v), valueCap);
                truncated |= !c.equals(v);
                out.put(EventCodec.cut(entry.getKey(), 128), c);
            }
        }
        if (truncated) out.put(Attributes.TRUNCATED, Boolean.TRUE);
        return out;
    }
}
