package io.emp.telemetry.collector.reactions.delivery;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.sync.RedisCommands;

import java.util.ArrayList;
import java.util.List;

/**
 * "Effectively once per action": a record {@code emp:reactions:done:<reaction>:<entry>:<action>} with a TTL, written
 * in the same atomic step as the action wherever Redis allows it.
 * <ul>
 *   <li>Redis commands: one script sets the record (NX) and runs the commands; a failing command removes the record
 *       again. A crash leaves either both or neither.</li>
 *   <li>FCALL cannot run inside a script, so: WATCH record, check it, MULTI, FCALL, SET record, EXEC. An error
 *       reply from the function removes the record right after EXEC.</li>
 *   <li>Anything outside Redis (webhooks, custom actions): checked before, recorded right after success. A crash
 *       between the call and the record repeats the call; the idempotency key is sent along so the receiver can
 *       drop it.</li>
 * </ul>
 * One instance per reaction thread: a transaction needs its connection to itself.
 */
public final class Idempotency {
    public static final String PREFIX = "emp:reactions:done:";

    static final String ONCE_SCRIPT = """
            if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) == false then return 0 end
            local i = 3
            for c = 1, tonumber(ARGV[2]) do
              local argc = tonumber(ARGV[i])
              local cmd = {}
              for a = 1, argc do cmd[a] = ARGV[i + a] end
              i = i + argc + 1
              local r = redis.pcall(unpack(cmd))
              if type(r) == 'table' and r.err then
                redis.call('DEL', KEYS[1])
                return redis.error_reply(r.err)
              end
            end
            return 1
            """;

    private final RedisCommands<String, String> redis;
    private final long ttlSeconds;
    private String sha;

    public Idempotency(RedisCommands<String, String> redis, long ttlSeconds) {
        this.redis = redis;
        this.ttlSeconds = ttlSeconds;
    }

    public static String key(String reactionId, String entryId, String actionId) {
        return PREFIX + reactionId + ":" + entryId + ":" + actionId;
    }

    public RedisCommands<String, String> redis() {
        return redis;
    }

    /** Runs the commands unless the record exists; true when they ran now. */
    public boolean redisOnce(String marker, List<List<String>> commands) {
        List<String> argv = new ArrayList<>();
        argv.add(Long.toString(ttlSeconds));
        argv.add(Integer.toString(commands.size()));
        for (List<String> c : commands) {
            argv.add(Integer.toString(c.size()));
            argv.addAll(c);
        }
        String[] keys = {marker};
        String[] args = argv.toArray(String[]::new);
        if (sha == null) sha = redis.scriptLoad(ONCE_SCRIPT);
        Long ran;
        try {
            ran = redis.evalsha(sha, ScriptOutputType.INTEGER, keys, args);
        } catch (RedisNoScriptException flushed) {
            sha = redis.scriptLoad(ONCE_SCRIPT);
            ran = redis.evalsha(sha, ScriptOutputType.INTEGER, keys, args);
        }
        return ran != null && ran == 1L;
    }

    /** FCALL unless the record exists, recorded in the same transaction; true when it ran now. */
    public boolean fcallOnce(String marker, String function, String[] keys, String[] args) {
        redis.watch(marker);
        if (redis.exists(marker) > 0) {
            redis.unwatch();
            return false;
        }
        redis.multi();
        // MULTI output: Lettuce's OBJECT output throws inside a transaction when the function answers a bulk string
        // (it adds to an immutable list); only an error reply matters here, whatever the function returns.
        redis.fcall(function, ScriptOutputType.MULTI, keys, args);
        redis.set(marker, "1", SetArgs.Builder.ex(ttlSeconds));
        TransactionResult result = redis.exec();
        if (result.wasDiscarded()) return false; // another instance recorded it between WATCH and EXEC
        Object reply = result.get(0);
        if (reply instanceof Exception e) {
            redis.del(marker);
            throw new IllegalStateException("FCALL " + function + " failed: " + e.getMessage(), e);
        }
        return true;
    }

    public boolean done(String marker) {
        return redis.exists(marker) > 0;
    }

    public void record(String marker) {
        redis.set(marker, "1", SetArgs.Builder.ex(ttlSeconds));
    }
}
