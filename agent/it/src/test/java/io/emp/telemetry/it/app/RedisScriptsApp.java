package io.emp.telemetry.it.app;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;

import java.net.URI;
import java.util.List;

/**
 * Scripts and queued calls through the application's own Redis client: {@code jedis} (EVAL, EVALSHA, a pipeline
 * with an FCALL, a script and a failing function, a MULTI/EXEC transaction) or {@code lettuce} (EVAL, EVALSHA).
 * Args: client, redis uri, tag (keys are prefixed with it). Each client's calls are in their own class: the
 * other client is not on the class path.
 */
public final class RedisScriptsApp {
    static final String LIBRARY = String.join("\n",
            "#!lua name=emp_it_scripts",
            "redis.register_function('put_item', function(keys, args) redis.call('SET', keys[1], args[1]) return args[1] end)",
            "redis.register_function('reject', function(keys, args) return redis.error_reply('REJECTED ' .. args[1]) end)");
    static final String SCRIPT = "redis.call('SET', KEYS[1], ARGV[1]) return ARGV[1]";

    public static void main(String[] args) throws Exception {
        String client = args[0];
        if (client.equals("jedis")) JedisCalls.run(URI.create(args[1]), args[2]);
        else LettuceCalls.run(args[1], args[2]);
        System.out.println("REDIS-SCRIPTS-APP-DONE " + client);
    }

    private static final class JedisCalls {
        static void run(URI uri, String tag) {
            try (Jedis jedis = new Jedis(uri.getHost(), uri.getPort())) {
                jedis.functionLoadReplace(LIBRARY);
                String sha = jedis.scriptLoad(SCRIPT);
                jedis.eval(SCRIPT, List.of(tag + ":e"), List.of("v"));
                jedis.evalsha(sha, 1, tag + ":s", "v");
                Pipeline p = jedis.pipelined();
                Response<Object> put = p.fcall("put_item", List.of(tag + ":p"), List.of("v"));
                p.set(tag + ":plain", "x");
                Response<Object> script = p.eval(SCRIPT, List.of(tag + ":ps"), List.of("v"));
                Response<Object> rejected = p.fcall("reject", List.of(), List.of("quota"));
                p.sync();
                System.out.println("pipeline " + put.get() + " " + script.get() + " " + failure(rejected));
                Transaction t = jedis.multi();
                Response<Object> inTx = t.fcall("put_item", List.of(tag + ":t"), List.of("v"));
                t.exec();
                System.out.println("transaction " + inTx.get());
            }
        }

        static String failure(Response<Object> response) {
            try {
                return "unexpected " + response.get();
            } catch (RuntimeException expected) {
                return "failed";
            }
        }
    }

    private static final class LettuceCalls {
        static void run(String uri, String tag) {
            RedisClient client = RedisClient.create(uri);
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                RedisCommands<String, String> redis = connection.sync();
                String sha = redis.scriptLoad(SCRIPT);
                redis.eval(SCRIPT, ScriptOutputType.VALUE, new String[]{tag + ":e"}, "v");
                redis.evalsha(sha, ScriptOutputType.VALUE, new String[]{tag + ":s"}, "v");
            } finally {
                client.shutdown();
            }
        }
    }
}
