package io.emp.telemetry.testing;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

import java.time.Duration;

/** {@code redis:7} in a container; stop/start pause and unpause it, so the mapped port stays the same. */
final class ContainerRedis extends RedisBackend {
    private final RedisServerOptions options;
    private GenericContainer<?> container;

    ContainerRedis(RedisServerOptions options) {
        this.options = options;
    }

    @Override
    @SuppressWarnings("resource")
    void start() {
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse("redis:7")).withExposedPorts(6379);
        if (options.password() != null) c.withCommand("redis-server", "--requirepass", options.password());
        c.start();
        container = c;
        awaitPing(Duration.ofSeconds(20));
    }

    @Override
    String host() {
        return container.getHost();
    }

    @Override
    int port() {
        return container.getMappedPort(6379);
    }

    @Override
    String kind() {
        return "docker";
    }

    @Override
    String password() {
        return options.password();
    }

    @Override
    void stopServer() {
        container.getDockerClient().pauseContainerCmd(container.getContainerId()).exec();
    }

    @Override
    void startServer(Duration timeout) {
        container.getDockerClient().unpauseContainerCmd(container.getContainerId()).exec();
        awaitPing(timeout);
    }

    @Override
    public void close() {
        if (container != null) container.stop();
    }
}
