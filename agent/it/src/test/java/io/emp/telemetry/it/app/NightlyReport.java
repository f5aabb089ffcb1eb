package io.emp.telemetry.it.app;

@Traced
public class NightlyReport {
    public int run(int rows) {
        return rows * 2;
    }
}
