package io.emp.telemetry.it.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

import java.util.Map;

/**
 * An application with its own, older Jackson and Lettuce (run with 2.12 and 6.1 on its class path):
 * it serialises JSON with its Jackson and writes it to Redis with its Lettuce while the agent, with
 * its relocated copies, instruments it and writes events. Arguments: Redis URI, tag.
 */
public final class ConflictApp {
    private ConflictApp() {
    }

    public static void main(String[] args) throws Exception {
        String uri = args[0];
        String tag = args[1];
        ObjectMapper mapper = new ObjectMapper();
        String json = mapper.writeValueAsString(Map.of("tag", tag, "jackson", mapper.version().toString()));
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().set("conflict:" + tag, json);
        } finally {
            client.shutdown();
        }
        new OrderService().placeOrder(new Job("job-" + tag + "-c", "conflict", Map.of("model", "m"),
                new Job.Owner("c", "k")));
        System.out.println("jackson=" + mapper.version() + " from " + location(ObjectMapper.class));
        System.out.println("lettuce from " + location(RedisClient.class));
        System.out.println("CONFLICT-APP-DONE");
    }

    private static String location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation().getPath();
    }
}
