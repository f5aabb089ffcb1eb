package io.emp.sample.jobs;

import java.util.Locale;

/** Where a job is in its life; stored lower-case in the {@code status} field of {@code job:<id>}. */
public enum JobStatus {
    /** RETRY_SCHEDULED: failed, another attempt is due at {@code retry_at} (the {@code retry_job} function). */
    PENDING, CLAIMED, COMPLETED, FAILED, RETRY_SCHEDULED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
