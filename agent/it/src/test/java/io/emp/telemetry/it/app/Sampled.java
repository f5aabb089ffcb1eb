package io.emp.telemetry.it.app;

/** Two methods with sampling rules: half of the calls, and none. */
public class Sampled {
    public int half(int i) {
        return i;
    }

    public int never(int i) {
        return i;
    }
}
