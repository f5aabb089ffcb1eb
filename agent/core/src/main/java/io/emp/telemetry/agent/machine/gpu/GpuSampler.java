package io.emp.telemetry.agent.machine.gpu;

import io.emp.telemetry.agent.Log;
import io.emp.telemetry.agent.emit.EventSink;
import io.emp.telemetry.schema.EventFields;
import io.emp.telemetry.schema.StreamDefaults;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One GPU sample: runs nvidia-smi and publishes its statistics on {@code machine:{machineId}:gpu}
 * (Pub/Sub, never a stream: live status, a subscriber that is away misses it). Runs on the machine
 * thread at {@code machine.gpu.sample.interval}. A failed run publishes nothing; failures are counted
 * and logged at the 1st, 2nd, 4th, 8th … so a broken driver does not flood the log.
 */
public final class GpuSampler implements Runnable {
    private final NvidiaSmi nvidiaSmi;
    private final EventSink sink;
    private final String machineId;
    private final String channel;
    private final AtomicLong failures = new AtomicLong();

    public GpuSampler(NvidiaSmi nvidiaSmi, EventSink sink, String machineId) {
        this.nvidiaSmi = nvidiaSmi;
        this.sink = sink;
        this.machineId = machineId;
        this.channel = channel(machineId);
    }

    public static String channel(String machineId) {
        return StreamDefaults.MACHINE_GPU_CHANNEL.replace("{" + EventFields.MACHINE_ID + "}", machineId);
    }

    @Override
    public void run() {
        try {
            Map<String, Object> payload = GpuAttributes.sample(nvidiaSmi.query());
            payload.put(EventFields.MACHINE_ID, machineId);
            sink.publish(channel, payload);
        } catch (GpuProbeException e) {
            long n = failures.incrementAndGet();
            if (Long.bitCount(n) == 1) Log.warn("machine", "GPU sample failed (" + n + " so far): " + e.getMessage());
        } catch (RuntimeException e) {
            // A surprise must not cancel the schedule: the next sample tries again.
            long n = failures.incrementAndGet();
            if (Long.bitCount(n) == 1) Log.warn("machine", "GPU sample failed (" + n + " so far)", e);
        }
    }
}
