package io.emp.telemetry.agent.instrument.redis;

/**
 * Attribute names of the {@code redis_function.*} events: OpenTelemetry database semantic
 * conventions where one exists. To move into {@code io.emp.telemetry.schema.Attributes} (the one
 * home of wire names), which this module does not own.
 */
final class RedisAttributes {
    static final String DB_SYSTEM = "db.system";
    static final String DB_OPERATION_NAME = "db.operation.name";
    /** The Redis function's name: a function is Redis's stored procedure. */
    static final String DB_STORED_PROCEDURE_NAME = "db.stored_procedure.name";
    static final String KEY_COUNT = "redis.function.key_count";
    static final String ARG_COUNT = "redis.function.arg_count";
    static final String RESULT_SIZE = "redis.function.result_size";

    static final String REDIS = "redis";

    private RedisAttributes() {
    }
}
