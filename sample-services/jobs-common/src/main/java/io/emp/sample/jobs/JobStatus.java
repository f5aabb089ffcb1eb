package io.emp.sample.jobs;

import java.util.Locale;

/** Where a job is in its life; stored lower-case in the {@code status} field of {@code job:<id>}. */
public enum JobStatus {
    PENDING, CLAIMED, COMPLETED, FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
