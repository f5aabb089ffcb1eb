package io.emp.sample.jobs;

import java.util.regex.Pattern;

/** Redis key names of the job queue; the Lua library ({@code emp_jobs.lua}) uses the same shapes. */
public final class JobKeys {
    /** Job types become part of key names, so they are kept to a safe alphabet. */
    private static final Pattern JOB_TYPE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private JobKeys() {
    }

    public static String job(String jobId) {
        return "job:" + jobId;
    }

    public static String pending(String jobType) {
        return "jobs:pending:" + jobType;
    }

    public static boolean isValidType(String jobType) {
        return jobType != null && JOB_TYPE.matcher(jobType).matches();
    }
}
