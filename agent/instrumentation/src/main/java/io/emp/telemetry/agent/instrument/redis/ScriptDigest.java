package io.emp.telemetry.agent.instrument.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The name a script gets in events: its SHA1 in hex, the id Redis itself gives it (SCRIPT LOAD, EVALSHA), so an
 * EVAL in one service and an EVALSHA of the same script in another are one row. The script text is never recorded.
 */
final class ScriptDigest {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ScriptDigest() {
    }

    /** The script's SHA1; null for anything but a String or byte[]. */
    static String of(Object script) {
        byte[] bytes;
        if (script instanceof String) bytes = ((String) script).getBytes(StandardCharsets.UTF_8);
        else if (script instanceof byte[]) bytes = (byte[]) script;
        else return null;
        try {
            byte[] d = MessageDigest.getInstance("SHA-1").digest(bytes);
            char[] out = new char[d.length * 2];
            for (int i = 0; i < d.length; i++) {
                out[2 * i] = HEX[(d[i] >> 4) & 0xf];
                out[2 * i + 1] = HEX[d[i] & 0xf];
            }
            return new String(out);
        } catch (NoSuchAlgorithmException e) {
            return null; // every JDK has SHA-1; a stripped runtime gets an unnamed script rather than a failure
        }
    }
}
