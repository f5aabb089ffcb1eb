package io.emp.telemetry.it.app;

@Traced
public class NightlyReport {
    public int run(int rows) {
        return archive(rows * 2);
    }

    @Audited
    int archive(int rows) {
        return rows;
    }

    int notAudited(int rows) {
        return rows;
    }
}
