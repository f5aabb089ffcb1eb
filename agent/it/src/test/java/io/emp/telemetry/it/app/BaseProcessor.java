package io.emp.telemetry.it.app;

public abstract class BaseProcessor implements ImageProcessor {
}
