package io.emp.telemetry.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A job's trace identity, derived from its job id alone: every process that sees the job id (the
 * API that created it, the worker that claimed it, the connector, the collector, the CLI) computes
 * the same trace id and root span id without any coordination or propagation through the job's
 * payload, so there is no race between the API's events and a worker that claims the job a
 * millisecond later.
 * <p>
 * trace id = first 16 bytes of SHA-256("emp-job:" + jobId), root span id = the next 8 bytes
 * (lower-case hex; an all-zero id, impossible in practice, is replaced to stay W3C-valid).
 */
public final class JobTrace {
    private static final String PREFIX = "emp-job:";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JobTrace() {
    }

    /** 32 hex characters. */
    public static String traceId(String jobId) {
        return hex(digest(jobId), 0, 16);
    }

    /** 16 hex characters: the span of the job as a whole (job.created … job.completed/failed). */
    public static String rootSpanId(String jobId) {
        return hex(digest(jobId), 16, 8);
    }

    private static byte[] digest(String jobId) {
        try {
            return MessageDigest.getInstance("SHA-256").digest((PREFIX + jobId).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static String hex(byte[] bytes, int offset, int length) {
        char[] out = new char[length * 2];
        boolean allZero = true;
        for (int i = 0; i < length; i++) {
            int b = bytes[offset + i] & 0xff;
            allZero &= b == 0;
            out[i * 2] = HEX[b >>> 4];
            out[i * 2 + 1] = HEX[b & 0x0f];
        }
        if (allZero) out[out.length - 1] = '1';
        return new String(out);
    }
}
