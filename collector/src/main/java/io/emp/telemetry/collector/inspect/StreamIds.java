package io.emp.telemetry.collector.inspect;

/** Arithmetic on stream entry ids ({@code <ms>-<seq>}) for paging through XRANGE / XREVRANGE. */
public final class StreamIds {
    private static final String MAX_SEQ = Long.toUnsignedString(-1L);

    private StreamIds() {
    }

    /** The smallest id greater than {@code id}. */
    static String after(String id) {
        int dash = id.indexOf('-');
        long ms = Long.parseLong(id.substring(0, dash));
        long seq = Long.parseUnsignedLong(id.substring(dash + 1));
        return seq == -1L ? (ms + 1) + "-0" : ms + "-" + Long.toUnsignedString(seq + 1);
    }

    /** The greatest id smaller than {@code id}, or null when there is none. */
    static String before(String id) {
        int dash = id.indexOf('-');
        long ms = Long.parseLong(id.substring(0, dash));
        long seq = Long.parseUnsignedLong(id.substring(dash + 1));
        if (seq != 0) return ms + "-" + Long.toUnsignedString(seq - 1);
        return ms == 0 ? null : (ms - 1) + "-" + MAX_SEQ;
    }

    /** Orders two entry ids as Redis does (milliseconds, then sequence, both unsigned). */
    public static int compare(String a, String b) {
        int da = a.indexOf('-');
        int db = b.indexOf('-');
        long ma = Long.parseUnsignedLong(da < 0 ? a : a.substring(0, da));
        long mb = Long.parseUnsignedLong(db < 0 ? b : b.substring(0, db));
        if (ma != mb) return Long.compareUnsigned(ma, mb);
        long sa = da < 0 ? 0 : Long.parseUnsignedLong(a.substring(da + 1));
        long sb = db < 0 ? 0 : Long.parseUnsignedLong(b.substring(db + 1));
        return Long.compareUnsigned(sa, sb);
    }

    /** Milliseconds part of an id: when Redis stored the entry. */
    static long millis(String id) {
        int dash = id.indexOf('-');
        return Long.parseLong(dash < 0 ? id : id.substring(0, dash));
    }
}
