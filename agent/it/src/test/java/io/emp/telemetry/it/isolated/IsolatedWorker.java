package io.emp.telemetry.it.isolated;

import io.emp.telemetry.api.Telemetry;

import java.util.Collections;
import java.util.function.Function;

/**
 * Loaded by the test application through a URLClassLoader whose parent is the platform loader
 * (as an application server's isolated, child-first web-app loader would), with its own copy of
 * the api jar. Implements a JDK interface so the application can call it without reflection.
 */
public class IsolatedWorker implements Function<String, String> {
    @Override
    public String apply(String jobId) {
        Telemetry.event("isolated.facade", Collections.singletonMap("loader", String.valueOf(getClass().getClassLoader())));
        return "done-" + jobId;
    }
}
