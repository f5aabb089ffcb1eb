package io.emp.telemetry.agent.context;

import java.util.concurrent.ThreadLocalRandom;

/** Random W3C trace and span ids in lower-case hex; never all-zero (an invalid id in W3C). */
public final class TraceIds {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

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
        char[] out = new char[32];
        fill(out, 0, hi);
        fill(out, 16, lo);
        return new String(out);
    }

    /** 16 hex characters. */
    public static String newSpanId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long id;
        do {
            id = r.nextLong();
        } while (id == 0);
        char[] out = new char[16];
        fill(out, 0, id);
        return new String(out);
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

    private static void fill(char[] out, int offset, long value) {
        for (int i = 15; i >= 0; i--) {
            out[offset + i] = HEX[(int) (value & 0xf)];
            value >>>= 4;
        }
    }
}
