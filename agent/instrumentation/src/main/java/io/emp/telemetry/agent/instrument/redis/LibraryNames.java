package io.emp.telemetry.agent.instrument.redis;

/**
 * The instrumented clients' class names, assembled at run time on purpose. The agent jar shades
 * and relocates its own Lettuce ({@code io.lettuce → io.emp.telemetry.agent.shaded.io.lettuce}) and
 * Jedis, and the shade plugin rewrites every string constant that looks like one of their class
 * names, in every class of the jar: a literal here would silently turn into the agent's OWN copy
 * (which the agent must never instrument) and the application's client would be missed.
 */
final class LibraryNames {
    static final String LETTUCE_ASYNC = join("io", "lettuce", "core", "AbstractRedisAsyncCommands");
    static final String LETTUCE_REACTIVE = join("io", "lettuce", "core", "AbstractRedisReactiveCommands");
    static final String JEDIS = join("redis", "clients", "jedis", "Jedis");
    static final String UNIFIED_JEDIS = join("redis", "clients", "jedis", "UnifiedJedis");
    static final String JEDIS_RESPONSE = join("redis", "clients", "jedis", "Response");
    /** Where Jedis declares its queued (pipeline, transaction) commands: PipeliningBase from 5.0, the others before. */
    static final String[] JEDIS_QUEUES = {
            join("redis", "clients", "jedis", "PipeliningBase"),
            join("redis", "clients", "jedis", "Pipeline"),
            join("redis", "clients", "jedis", "MultiNodePipelineBase"),
            join("redis", "clients", "jedis", "TransactionBase"),
            join("redis", "clients", "jedis", "AbstractTransaction"),
            join("redis", "clients", "jedis", "Transaction")};

    private LibraryNames() {
    }

    private static String join(String... parts) {
        return String.join(".", parts);
    }
}
