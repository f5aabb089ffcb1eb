package io.emp.sample.worker.connector;

import io.emp.sample.jobs.Job;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * An upstream service that fails sometimes, deterministically so tests and demos can rely on it:
 * <ul>
 *   <li>{@code "fail": true} fails every attempt;</li>
 *   <li>{@code "failAttempts": n} fails the first n attempts, then succeeds (shows a retry that works);</li>
 *   <li>{@code "failRate": r} (0..1) fails when a hash of job id and attempt falls below r, the same
 *       way every time for the same job and attempt.</li>
 * </ul>
 */
public final class FlakyConnector implements JobConnector {
    public static final String TYPE = "flaky";

    @Override
    public String jobType() {
        return TYPE;
    }

    @Override
    public ConnectorResult processJob(Job job, ProgressListener progress) throws UpstreamServiceException {
        Map<String, Object> payload = job.getPayload();
        if (shouldFail(job, payload)) {
            throw new UpstreamServiceException(503,
                    "upstream model service unavailable (HTTP 503) on attempt " + job.getAttempt());
        }
        return ConnectorResult.of(Map.of("answer", "ok", "attempt", job.getAttempt()), 1);
    }

    static boolean shouldFail(Job job, Map<String, Object> payload) {
        if (Payloads.flag(payload, "fail")) return true;
        if (job.getAttempt() <= Payloads.longValue(payload, "failAttempts", 0)) return true;
        double failRate = Payloads.doubleValue(payload, "failRate", 0.0);
        return failRate > 0 && roll(job.getId(), job.getAttempt()) < failRate;
    }

    /** A number in [0, 1) fixed by job id and attempt. */
    static double roll(String jobId, int attempt) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((jobId + "#" + attempt).getBytes(StandardCharsets.UTF_8));
            long bits = 0;
            for (int i = 0; i < 7; i++) bits = (bits << 8) | (digest[i] & 0xff);
            return bits / (double) (1L << 56);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
