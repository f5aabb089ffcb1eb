package io.emp.telemetry.it.app;

public interface ImageProcessor extends Processor {
}
