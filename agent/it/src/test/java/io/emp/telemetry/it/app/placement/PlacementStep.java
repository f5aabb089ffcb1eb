package io.emp.telemetry.it.app.placement;

/** A nested instrumented call that names no job (the test's rule {@code it.placement.step}). */
public final class PlacementStep {
    public String run(String input) {
        return input.toUpperCase();
    }
}
