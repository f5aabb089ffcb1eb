package io.emp.telemetry.agent.emit;

import io.emp.telemetry.schema.EventCodec;
import io.emp.telemetry.schema.Limits;
import io.emp.telemetry.schema.TelemetryEvent;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.util.RedisOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The writer's RESP encoding against Jedis's own: for every event below, the bytes {@link RespEncoder} builds
 * for XADD equal what Jedis's protocol encoder writes for the same command built from {@code EventCodec.encode}'s
 * map, so the raw path cannot drift from the wire schema or from RESP.
 */
class RespEncoderTest {
    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String SPAN = "b7ad6b7169203331";

    private static TelemetryEvent.Builder base(String type) {
        return TelemetryEvent.builder(type).timestamp(1700000000123L).service("api-server").traceId(TRACE).spanId(SPAN);
    }

    private static List<TelemetryEvent> events() {
        List<TelemetryEvent> events = new ArrayList<>();
        events.add(base("job.created").jobId("job-1").attribute("model", "sdxl").attribute("steps", 30)
                .attribute("nsfw", false).attribute("ratio", 0.75).attribute("negative", -42L).build());
        events.add(base("job.failed").parentSpanId("00f067aa0ba902b7").workerId("w-1").machineId("m-1").userId("u")
                .error(new IllegalStateException("boom: é, 日本, \uD83D\uDE00")).build());
        // Two-, three- and four-byte UTF-8, and unpaired surrogates (String.getBytes writes '?').
        events.add(base("text.mixed").jobId("j\u00e9-\u65e5-\uD83D\uDE00").attribute("lone high", "a\uD83Db")
                .attribute("lone low", "\uDE00x").attribute("ends high", "z\uD83D").attribute("ctl", "tab\tquote\"nl\n")
                .build());
        events.add(base("empty").build());
        Map<String, Object> many = new LinkedHashMap<>();
        for (int i = 0; i < Limits.MAX_ATTRIBUTES + 5; i++) many.put("k" + i, i % 2 == 0 ? "v" + i : (Object) i);
        events.add(base("many").data(many).build());
        events.add(base("long name").attribute("n".repeat(300), "v").attribute("emp.truncated", "mine").build());
        // Over the entry limit: encoded again with smaller caps (the sink is cleared and refilled).
        events.add(base("huge").attribute("a", "x".repeat(2000)).attribute("b", "y".repeat(2000))
                .attribute("c", "\u65e5".repeat(2000)).attribute("d", "z".repeat(2000)).attribute("e", "w".repeat(2000))
                .attribute("f", "v".repeat(2000)).attribute("g", "u".repeat(2000)).attribute("h", "t".repeat(2000))
                .error(new RuntimeException("m".repeat(5000))).build());
        return events;
    }

    @Test
    void xaddBytesEqualJedisEncodingOfTheCodecsFields() throws IOException {
        RespEncoder resp = new RespEncoder();
        for (TelemetryEvent e : events()) {
            for (long maxlen : new long[]{0, 100_000, Long.MAX_VALUE}) {
                byte[] ours = RedisCommands.xadd(resp, "emp:events", maxlen, e, "inst-1", "machine-9");
                CommandArguments jedis = new CommandArguments(Protocol.Command.XADD).add("emp:events");
                if (maxlen > 0) jedis.add("MAXLEN").add("~").add(maxlen);
                jedis.add("*");
                for (Map.Entry<String, String> f : EventCodec.encode(e, "inst-1", "machine-9").entrySet()) {
                    jedis.add(f.getKey()).add(f.getValue());
                }
                assertEquals(jedisBytes(jedis), new String(ours, StandardCharsets.ISO_8859_1), e.eventType() + " maxlen " + maxlen);
            }
        }
    }

    @Test
    void oversizedEventsFitTheEntryLimit() {
        TelemetryEvent huge = events().get(events().size() - 1);
        Map<String, String> fields = EventCodec.encode(huge, "inst-1", null);
        int bytes = 0;
        for (Map.Entry<String, String> f : fields.entrySet()) bytes += f.getKey().length() + f.getValue().getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes <= Limits.MAX_ENCODED_EVENT_BYTES, "entry of " + bytes + " bytes");
        assertTrue(fields.get("data").contains(Limits.TRUNCATION_MARK), fields.get("data"));
    }

    @Test
    void otherCommandsAndNumbers() throws IOException {
        RespEncoder resp = new RespEncoder();
        assertEquals(jedisBytes(new CommandArguments(Protocol.Command.PUBLISH).add("job:1:status").add("{\"p\":\"é\"}")),
                new String(RedisCommands.publish(resp, "job:1:status", "{\"p\":\"é\"}"), StandardCharsets.ISO_8859_1));
        assertEquals(jedisBytes(new CommandArguments(Protocol.Command.SET).add("k").add("").add("EX").add(3600)),
                new String(RedisCommands.setWithExpiry(resp, "k", "", 3600), StandardCharsets.ISO_8859_1));
        for (long n : new long[]{0, 9, 10, -1, -10, 123456789012L, Long.MAX_VALUE, Long.MIN_VALUE}) {
            assertEquals(jedisBytes(new CommandArguments(Protocol.Command.XTRIM).add("s").add("MINID").add("~").add(n)),
                    new String(RedisCommands.trimOlderThan(resp, "s", n), StandardCharsets.ISO_8859_1), "number " + n);
        }
        // A command with more than nine arguments: a two-digit count in the header.
        CommandArguments twelve = new CommandArguments(Protocol.Command.XADD);
        resp.command("XADD");
        for (int i = 0; i < 11; i++) {
            twelve.add("a" + i);
            resp.arg("a" + i);
        }
        assertEquals(jedisBytes(twelve), new String(resp.toBytes(), StandardCharsets.ISO_8859_1));
    }

    private static String jedisBytes(CommandArguments args) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RedisOutputStream out = new RedisOutputStream(bytes);
        Protocol.sendCommand(out, args);
        out.flush();
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }
}
