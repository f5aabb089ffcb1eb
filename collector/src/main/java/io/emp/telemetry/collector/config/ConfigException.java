package io.emp.telemetry.collector.config;

/** Invalid configuration; the message names the source (file, env var, property) and the problem. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
