package io.emp.telemetry.agent.emit;

import io.emp.telemetry.agent.config.EmitterConfig;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Protocol;

import java.util.Map;

/** The few Redis commands the writer sends, as Jedis command arguments (written by Jedis's own protocol encoder). */
final class RedisCommands {
    private RedisCommands() {
    }

    /** {@code XADD stream [MAXLEN ~ n] * field value ...}: approximate trimming lets Redis drop whole macro nodes, cheaply. */
    static CommandArguments xadd(String stream, long maxlen, Map<String, String> fields) {
        CommandArguments a = new CommandArguments(Protocol.Command.XADD).add(stream);
        if (maxlen > 0) a.add("MAXLEN").add("~").add(maxlen);
        a.add("*");
        for (Map.Entry<String, String> f : fields.entrySet()) a.add(f.getKey()).add(f.getValue());
        return a;
    }

    static CommandArguments publish(String channel, String message) {
        return new CommandArguments(Protocol.Command.PUBLISH).add(channel).add(message);
    }

    static CommandArguments setWithExpiry(String key, String value, long seconds) {
        return new CommandArguments(Protocol.Command.SET).add(key).add(value).add("EX").add(seconds);
    }

    /** {@code XTRIM stream MINID ~ <id>}. */
    static CommandArguments trimOlderThan(String stream, long minIdMillis) {
        return new CommandArguments(Protocol.Command.XTRIM).add(stream).add("MINID").add("~").add(minIdMillis);
    }

    static long maxlenFor(EmitterConfig config, String stream) {
        return stream.equals(config.errorsStream()) ? config.errorsMaxlen() : config.eventsMaxlen();
    }
}
