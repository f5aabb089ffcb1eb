package io.emp.telemetry.it.app;

/** Implements {@link Processor} through a superclass and a sub-interface. */
public class ResizeProcessor extends BaseProcessor {
    @Override
    public String handle(String input) {
        return input + "@512";
    }
}
