package io.emp.telemetry.it.app;

import io.emp.telemetry.api.Telemetry;

import java.util.Map;

/**
 * Runs under hostile rules (hostile.yaml): paths that would change state or exit, a catastrophic regex, rules on
 * a JDK type and on every class, and secrets in exception text and nested facade maps. Prints the state it ends
 * with. Argument: a tag that makes its job ids unique to the run.
 */
public final class HostileRulesApp {
    private HostileRulesApp() {
    }

    public static void main(String[] args) throws Exception {
        String jobId = "job-" + args[0];
        Account account = new Account();
        for (int i = 0; i < 3; i++) {
            account.touch(jobId);
        }
        try {
            account.connect();
        } catch (IllegalStateException expected) {
            System.out.println("connect failed as designed");
        }
        Telemetry.jobEvent(jobId, "hostile.submitted",
                Map.of("request", Map.of("user", "ada", "password", "hunter2"), "target", "https://ada:hunter2@api"));
        Telemetry.jobError(jobId, "hostile.failed",
                new IllegalArgumentException("login failed: {\"user\":\"ada\",\"password\":\"hunter2\"}"), Map.of());
        System.out.println("counter=" + account.counter.get() + " position=" + account.buffer.position()
                + " connections=" + Account.CONNECTIONS.get() + " length=" + "abc".length());
        System.out.println("HOSTILE-APP-DONE");
    }
}
