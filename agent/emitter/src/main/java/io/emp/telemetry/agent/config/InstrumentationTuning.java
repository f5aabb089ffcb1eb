package io.emp.telemetry.agent.config;

/**
 * Settings of the instrumentation machinery itself (not of one instrumentation), read once from
 * {@link Settings}; bad values are logged and replaced by their defaults. Documented in
 * {@code docs/configuration.md}.
 */
public final class InstrumentationTuning {
    /** As the OpenTelemetry agent: hierarchies are matched from class file outlines ({@code SuperTypes}), so this only
     * saves re-parsing the few types matched and transformed together; each entry holds about 20 KB of heap. */
    public static final int DEFAULT_TYPE_CACHE_SIZE = 64;

    private final int typeCacheSize;

    private InstrumentationTuning(Settings settings) {
        ConfigReader r = new ConfigReader(settings);
        this.typeCacheSize = r.intBetween("instrumentation.type_cache.size", 0, 100_000, DEFAULT_TYPE_CACHE_SIZE);
    }

    public static InstrumentationTuning from(Settings settings) {
        return new InstrumentationTuning(settings);
    }

    /** {@code instrumentation.type_cache.size}: parsed class descriptions kept for matching (0 = none). */
    public int typeCacheSize() {
        return typeCacheSize;
    }
}
