package io.emp.telemetry.agent.instrument.redis;

/** A tiny Redis function library for the FCALL tests, loaded with FUNCTION LOAD REPLACE. */
public final class TestFunctions {
    public static final String LIBRARY = String.join("\n",
            "#!lua name=emp_instrumentation_test",
            "redis.register_function('put_item', function(keys, args)",
            "  redis.call('SET', keys[1], args[1])",
            "  return {keys[1], args[1], args[2]}",
            "end)",
            "redis.register_function{function_name='get_item', flags={'no-writes'}, callback=function(keys, args)",
            "  return redis.call('GET', keys[1])",
            "end}",
            // like claim_job on an empty queue: nil
            "redis.register_function('claim_next', function(keys, args)",
            "  return redis.call('LPOP', keys[1])",
            "end)",
            "redis.register_function('reject', function(keys, args)",
            "  return redis.error_reply('REJECTED ' .. args[1])",
            "end)");

    private TestFunctions() {
    }
}
