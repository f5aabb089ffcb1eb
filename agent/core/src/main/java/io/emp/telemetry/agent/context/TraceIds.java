package io.emp.telemetry.agent.context;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/** Random W3C trace and span ids in lower-case hex; never all-zero (an invalid id in W3C). */
public final class TraceIds {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private TraceIds() {
    }

    /** 32 hex characters. */
    public static String newTraceId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long hi;
        long lo;
        do {
            hi = r.nextLong();
            lo = r.nextLong();
        } while (hi == 0 && lo == 0);
        byte[] out = new byte[32];
        fill(out, 0, hi);
        fill(out, 16, lo);
        return latin1(out);
    }

    /** 16 hex characters. */
    public static String newSpanId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long id;
        do {
            id = r.nextLong();
        } while (id == 0);
        byte[] out = new byte[16];
        fill(out, 0, id);
        return latin1(out);
    }

    public static boolean isValidTraceId(String id) {
        return isHex(id, 32);
    }

    public static boolean isValidSpanId(String id) {
        return isHex(id, 16);
    }

    /** Exactly {@code length} lower-case hex characters, not all zero. */
    private static boolean isHex(String id, int length) {
        if (id == null || id.length() != length) return false;
        boolean nonZero = false;
        for (int i = 0; i < length; i++) {
            char c = id.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            if (!digit && !(c >= 'a' && c <= 'f')) return false;
            nonZero |= c != '0';
        }
        return nonZero;
    }

    /** ASCII bytes as a string: a plain copy into a compact (Latin-1) string, no per-char compression as from a char[]. */
    private static String latin1(byte[] ascii) {
        return new String(ascii, StandardCharsets.ISO_8859_1);
    }

    private static void fill(byte[] out, int offset, long value) {
        for (int i = 15; i >= 0; i--) {
            out[offset + i] = HEX[(int) (value & 0xf)];
            value >>>= 4;
        }
    }
}
