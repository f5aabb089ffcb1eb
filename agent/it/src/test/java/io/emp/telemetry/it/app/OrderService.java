package io.emp.telemetry.it.app;

/** Matched by exact type name. {@code placeOrder} calls another instrumented method (nested spans). */
public class OrderService {
    private final PaymentGateway payments = new PaymentGateway();

    public String placeOrder(Job job) {
        payments.charge(job.getId(), 1299);
        return "receipt-" + job.getId();
    }

    public String failOrder(Job job) {
        throw new IllegalStateException("card declined for " + job.getId());
    }
}
