package io.emp.telemetry.agent.emit;

import java.util.concurrent.ThreadLocalRandom;

/** Random W3C trace ids (32 hex) and span ids (16 hex), never all zero. */
public final class Ids {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Ids() {
    }

    public static String newTraceId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long hi = r.nextLong();
        long lo = r.nextLong();
        if (hi == 0 && lo == 0) lo = 1;
        char[] out = new char[32];
        hex(hi, out, 0);
        hex(lo, out, 16);
        return new String(out);
    }

    public static String newSpanId() {
        long v = ThreadLocalRandom.current().nextLong();
        if (v == 0) v = 1;
        char[] out = new char[16];
        hex(v, out, 0);
        return new String(out);
    }

    private static void hex(long v, char[] out, int offset) {
        for (int i = 15; i >= 0; i--) {
            out[offset + i] = HEX[(int) (v & 0xf)];
            v >>>= 4;
        }
    }
}
