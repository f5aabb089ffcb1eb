package io.emp.telemetry.agent.machine.gpu;

/** nvidia-smi could not tell: not runnable, timed out, failed, or printed no GPU. The message says which. */
public final class GpuProbeException extends Exception {
    public GpuProbeException(String message) {
        super(message, null, false, false);
    }
}
