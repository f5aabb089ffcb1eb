package io.emp.telemetry.schema;

/**
 * Well-known keys inside an event's {@code data} object. HTTP and error attributes use the
 * OpenTelemetry semantic-convention names so that backends recognise them.
 */
public final class Attributes {
    /** Duration of the call an exit event closes, in milliseconds (a decimal number). */
    public static final String DURATION_MS = "durationMs";
    /** Set to {@code true} when any value of the event was cut to fit the size limits. */
    public static final String TRUNCATED = "emp.truncated";
    /** On {@code job.created}: the trace of the request that created the job (becomes a span link). */
    public static final String LINK_TRACE_ID = "link.traceId";
    public static final String LINK_SPAN_ID = "link.spanId";
    /** On {@code telemetry.events_dropped}: how many events were dropped since the last report. */
    public static final String DROPPED_COUNT = "dropped";
    public static final String DROP_REASON = "reason";
    /** On {@code telemetry.entries_lost}: how many entries were lost since the previous report (reason in {@link #DROP_REASON}). */
    public static final String LOST_COUNT = "lost";

    public static final String HTTP_REQUEST_METHOD = "http.request.method";
    public static final String HTTP_RESPONSE_STATUS_CODE = "http.response.status_code";
    public static final String HTTP_ROUTE = "http.route";
    public static final String URL_PATH = "url.path";
    public static final String URL_FULL = "url.full";
    public static final String ERROR_TYPE = "error.type";
    public static final String SERVER_ADDRESS = "server.address";
    public static final String SERVER_PORT = "server.port";
    /** The handler method a web framework matched the request to: {@code com.example.OwnerController.show}. */
    public static final String CODE_FUNCTION_NAME = "code.function.name";

    /** Redis function calls ({@code redis_function.*}): database semantic conventions, counts never values. */
    public static final String DB_SYSTEM_NAME = "db.system.name";
    /**
     * The semantic conventions' name before {@link #DB_SYSTEM_NAME}; agents before 0.2 wrote it. Readers still accept it
     * (the collector exports it as {@code db.system.name}); writers use {@link #DB_SYSTEM_NAME}.
     * @deprecated use {@link #DB_SYSTEM_NAME}
     */
    @Deprecated
    public static final String DB_SYSTEM = "db.system";
    public static final String DB_OPERATION_NAME = "db.operation.name";
    /** The Redis function's name: a function is Redis's stored procedure. */
    public static final String DB_STORED_PROCEDURE_NAME = "db.stored_procedure.name";
    public static final String REDIS_FUNCTION_KEY_COUNT = "redis.function.key_count";
    public static final String REDIS_FUNCTION_ARG_COUNT = "redis.function.arg_count";
    public static final String REDIS_FUNCTION_RESULT_SIZE = "redis.function.result_size";
    /** Redis script calls ({@code redis_script.*}: EVAL, EVALSHA and their read-only forms): the script's SHA1, as EVALSHA names it. */
    public static final String REDIS_SCRIPT_SHA1 = "redis.script.sha1";
    public static final String REDIS_SCRIPT_KEY_COUNT = "redis.script.key_count";
    public static final String REDIS_SCRIPT_ARG_COUNT = "redis.script.arg_count";
    public static final String REDIS_SCRIPT_RESULT_SIZE = "redis.script.result_size";
    /** {@code true} when the call was queued in a pipeline or a MULTI/EXEC transaction; its reply came with the sync/exec. */
    public static final String REDIS_PIPELINED = "redis.pipelined";

    private Attributes() {
    }
}
