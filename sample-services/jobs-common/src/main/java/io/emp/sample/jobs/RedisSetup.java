package io.emp.sample.jobs;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;

import java.time.Duration;

/** How both services connect to Redis. */
public final class RedisSetup {
    public static final String DEFAULT_URL = "redis://127.0.0.1:6379";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

    private RedisSetup() {
    }

    /**
     * A client that fails fast while Redis is away (commands are rejected instead of queued), so a
     * health check answers at once and a worker backs off instead of piling up commands.
     */
    public static RedisClient client(String url) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(COMMAND_TIMEOUT);
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
        return client;
    }

    /** The URL without credentials, fit for a log line. */
    public static String redact(String url) {
        RedisURI uri = RedisURI.create(url);
        String scheme = uri.isSsl() ? "rediss" : "redis";
        return scheme + "://" + uri.getHost() + ":" + uri.getPort() + (uri.getDatabase() != 0 ? "/" + uri.getDatabase() : "");
    }
}
