package io.emp.telemetry.collector.consume;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** UTF-8 decoding through the per-thread array: heap and direct buffers, sizes around the array's, the marker. */
class BoundedCodecTest {
    private final BoundedCodec codec = new BoundedCodec(200_000);

    @Test
    void decodesWhatStringDecodes() {
        String big = "ü→😀x".repeat(20_000); // 180 000 bytes: larger than the reused array ever grows
        for (String s : new String[]{"", "a", "job.created", "ümlaut → ✓ 😀", "x".repeat(4096), "é".repeat(3000), big}) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            assertEquals(s, codec.decodeValue(ByteBuffer.wrap(bytes)), "heap, " + bytes.length + " bytes");
            ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length + 8);
            direct.put(new byte[]{1, 2, 3, 4}).put(bytes).put(new byte[]{5, 6, 7, 8}).flip();
            direct.position(4).limit(4 + bytes.length);
            assertEquals(s, codec.decodeKey(direct.slice()), "direct, " + bytes.length + " bytes");
            ByteBuffer offset = ByteBuffer.wrap(("##" + s + "##").getBytes(StandardCharsets.UTF_8), 2, bytes.length).slice();
            assertEquals(s, codec.decodeValue(offset), "heap slice, " + bytes.length + " bytes");
        }
        // Malformed UTF-8 becomes U+FFFD, as String and Lettuce's StringCodec make it.
        assertEquals(new String(new byte[]{'a', (byte) 0xC3}, StandardCharsets.UTF_8), codec.decodeValue(ByteBuffer.wrap(new byte[]{'a', (byte) 0xC3})));
    }

    @Test
    void oversizedValuesBecomeTheirSize() {
        String marker = codec.decodeValue(ByteBuffer.wrap(new byte[200_001]));
        assertEquals(200_001, BoundedCodec.oversizedBytes(marker));
        assertEquals(-1, BoundedCodec.oversizedBytes("\u0000not a marker"));
        assertEquals(-1, BoundedCodec.oversizedBytes(""));
        assertEquals(200_001 + "data".length() + "v".length() + "1x".length(), BoundedCodec.entryBytes(Map.of("data", marker, "v", "1x")));
    }
}
