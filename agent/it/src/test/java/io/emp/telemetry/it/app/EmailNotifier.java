package io.emp.telemetry.it.app;

public class EmailNotifier implements Notifier {
    @Override
    public void send(String to) {
        // would send an e-mail
    }
}
