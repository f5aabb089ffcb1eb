package io.emp.sample.jobs;

import io.lettuce.core.api.sync.RedisFunctionCommands;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The {@code emp_jobs} Redis function library: its Lua source (a resource next to this class) and its functions. */
public final class JobLibrary {
    public static final String NAME = "emp_jobs";
    public static final String CREATE_JOB = "create_job";
    public static final String CLAIM_JOB = "claim_job";
    public static final String COMPLETE_JOB = "complete_job";
    public static final String FAIL_JOB = "fail_job";
    public static final String GET_JOB = "get_job";
    /** Schedules another attempt of a failed job after a delay (called by the collector's reactions). */
    public static final String RETRY_JOB = "retry_job";

    private static final String RESOURCE = "emp_jobs.lua";

    private JobLibrary() {
    }

    public static String source() {
        try (InputStream in = JobLibrary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " missing from the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * {@code FUNCTION LOAD REPLACE}: every service loads the library at start, so the newest
     * deployed version wins and loading twice is harmless.
     */
    public static void load(RedisFunctionCommands<String, String> redis) {
        String loaded = redis.functionLoad(source(), true);
        if (!NAME.equals(loaded)) {
            throw new IllegalStateException("Redis loaded library '" + loaded + "', expected '" + NAME + "'");
        }
    }
}
