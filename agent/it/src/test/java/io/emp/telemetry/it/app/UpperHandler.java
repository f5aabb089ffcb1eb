package io.emp.telemetry.it.app;

public class UpperHandler implements Handler<String> {
    @Override
    public void handle(String item) {
        item.toUpperCase();
    }
}
