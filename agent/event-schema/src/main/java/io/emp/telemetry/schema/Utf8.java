package io.emp.telemetry.schema;

/**
 * UTF-8 exactly as {@code String.getBytes(UTF_8)} encodes (an unpaired surrogate becomes one {@code '?'}), for
 * encoders that write characters straight into a byte buffer (a Redis command) and for the size limit.
 */
public final class Utf8 {
    private Utf8() {
    }

    /** Bytes that {@code s} takes in UTF-8. */
    public static int length(CharSequence s) {
        int n = 0;
        for (int i = 0, len = s.length(); i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) n++;
            else if (c < 0x800) n += 2;
            else if (!Character.isSurrogate(c)) n += 3;
            else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else n++;
        }
        return n;
    }

    /** Writes {@code s} to {@code out} from {@code at}, which has room for {@link #length(CharSequence)} bytes (3 per char always suffice); returns the end. */
    public static int encode(CharSequence s, byte[] out, int at) {
        int p = at;
        for (int i = 0, len = s.length(); i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[p++] = (byte) c;
            } else {
                char low = i + 1 < len ? s.charAt(i + 1) : 0;
                p = encodeNonAscii(c, low, out, p);
                if (Character.isHighSurrogate(c) && Character.isLowSurrogate(low)) i++;
            }
        }
        return p;
    }

    /** As {@link #encode(CharSequence, byte[], int)} for {@code chars[0..count)}. */
    public static int encode(char[] chars, int count, byte[] out, int at) {
        int p = at;
        for (int i = 0; i < count; i++) {
            char c = chars[i];
            if (c < 0x80) {
                out[p++] = (byte) c;
            } else {
                char low = i + 1 < count ? chars[i + 1] : 0;
                p = encodeNonAscii(c, low, out, p);
                if (Character.isHighSurrogate(c) && Character.isLowSurrogate(low)) i++;
            }
        }
        return p;
    }

    private static int encodeNonAscii(char c, char next, byte[] out, int p) {
        if (c < 0x800) {
            out[p++] = (byte) (0xC0 | (c >> 6));
            out[p++] = (byte) (0x80 | (c & 0x3F));
        } else if (!Character.isSurrogate(c)) {
            out[p++] = (byte) (0xE0 | (c >> 12));
            out[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
            out[p++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isHighSurrogate(c) && Character.isLowSurrogate(next)) {
            int cp = Character.toCodePoint(c, next);
            out[p++] = (byte) (0xF0 | (cp >> 18));
            out[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
            out[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            out[p++] = (byte) (0x80 | (cp & 0x3F));
        } else {
            out[p++] = '?';
        }
        return p;
    }
}
