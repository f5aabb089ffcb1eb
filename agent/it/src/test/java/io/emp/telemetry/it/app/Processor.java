package io.emp.telemetry.it.app;

/** The rule names this interface; implementations reach it only indirectly. */
public interface Processor {
    String handle(String input);
}
