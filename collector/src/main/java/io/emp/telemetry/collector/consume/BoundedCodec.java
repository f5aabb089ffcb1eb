package io.emp.telemetry.collector.consume;

import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 strings, except that a value longer than the limit is never turned into a string: it
 * becomes a short marker carrying its size. So an entry with a 10 MB field costs the collector
 * the network buffer Lettuce reads it into, not the copies a String, the JSON decoder and the
 * exporters would make. {@link BatchProcessor} dead-letters entries with such a marker.
 */
public final class BoundedCodec implements RedisCodec<String, String> {
    /** Starts with NUL: no encoded event field starts so (the wire schema writes JSON and plain text). */
    private static final String MARKER = "\u0000emp-oversized:";
    /** Values up to this size are copied through a per-thread buffer (Lettuce's I/O thread), larger ones directly. */
    private static final int SCRATCH_MAX = 64 * 1024;
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[4096]);

    private final long maxValueBytes;

    public BoundedCodec(long maxValueBytes) {
        this.maxValueBytes = maxValueBytes;
    }

    @Override
    public String decodeKey(ByteBuffer bytes) {
        return decode(bytes);
    }

    @Override
    public String decodeValue(ByteBuffer bytes) {
        return decode(bytes);
    }

    private String decode(ByteBuffer bytes) {
        int size = bytes.remaining();
        if (size > maxValueBytes) {
            bytes.position(bytes.limit());
            return MARKER + size;
        }
        return utf8(bytes, size);
    }

    /**
     * The bytes as a UTF-8 string, copied once into a reused array: Lettuce's {@code StringCodec} wraps every
     * value in a Netty buffer first, an object and a view per field of every entry read.
     */
    private static String utf8(ByteBuffer bytes, int size) {
        if (size == 0) return "";
        if (bytes.hasArray()) {
            String s = new String(bytes.array(), bytes.arrayOffset() + bytes.position(), size, StandardCharsets.UTF_8);
            bytes.position(bytes.limit());
            return s;
        }
        byte[] buf = SCRATCH.get();
        if (buf.length < size) {
            buf = new byte[size];
            if (size <= SCRATCH_MAX) SCRATCH.set(buf);
        }
        bytes.get(buf, 0, size);
        return new String(buf, 0, size, StandardCharsets.UTF_8);
    }

    @Override
    public ByteBuffer encodeKey(String key) {
        return StringCodec.UTF8.encodeKey(key);
    }

    @Override
    public ByteBuffer encodeValue(String value) {
        return StringCodec.UTF8.encodeValue(value);
    }

    /** Size in bytes of the value a marker stands for, or -1 for an ordinary value. */
    public static long oversizedBytes(String value) {
        // First character first: this runs for every field of every entry, and almost none is a marker.
        if (value == null || value.isEmpty() || value.charAt(0) != MARKER.charAt(0) || !value.startsWith(MARKER)) return -1;
        return Long.parseLong(value.substring(MARKER.length()));
    }

    /** The entry's size in bytes (field names and values; a marker counts as the size it stands for). */
    public static long entryBytes(java.util.Map<String, String> fields) {
        long total = 0;
        for (var e : fields.entrySet()) total += size(e.getKey()) + size(e.getValue());
        return total;
    }

    private static long size(String s) {
        long oversized = oversizedBytes(s);
        // UTF-8 length without encoding: an upper bound of 3 bytes per char only matters for non-ASCII text.
        return oversized >= 0 ? oversized : s.length();
    }

    /** What the dead-letter copy holds instead of a value that was not read. */
    public static String describe(String value) {
        long oversized = oversizedBytes(value);
        return oversized < 0 ? value : "[not read: " + oversized + " bytes]";
    }
}
