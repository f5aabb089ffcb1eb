import io.emp.telemetry.api.Telemetry;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The emitter-throughput leg: one application thread offers job events through the public facade
 * ({@code io.emp.telemetry.api.Telemetry}) far faster than one connection can write them, for the given
 * seconds, so the agent's writer runs saturated; the bench script reads how many entries reached Redis
 * ({@code XINFO STREAM … entries-added}) over a measured window. Offers beyond the emitter's bounded queue
 * are dropped and counted by the agent; that is expected here. Bursts of 256 with a short park leave the
 * writer thread and Redis a core (the machine may have only two).
 *
 * <pre>java -javaagent:emp-telemetry-agent.jar -cp emp-telemetry-api.jar:. EmitterLoad SECONDS</pre>
 */
public final class EmitterLoad {
    public static void main(String[] args) {
        System.out.println("EmitterLoad started"); // the script's clock starts here, after the agent's premain
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[0]));
        long offered = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 256; i++, offered++) {
                Telemetry.jobEvent("bench-job-" + (offered & 1023), "bench.step_completed",
                        Map.of("step", offered & 63, "model", "sdxl-turbo", "durationMs", 12));
            }
            LockSupport.parkNanos(100_000);
        }
        System.out.println("offered=" + offered);
    }
}
