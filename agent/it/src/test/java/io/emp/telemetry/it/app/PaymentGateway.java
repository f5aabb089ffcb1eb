package io.emp.telemetry.it.app;

public class PaymentGateway {
    public boolean charge(String jobId, long cents) {
        return cents > 0;
    }
}
