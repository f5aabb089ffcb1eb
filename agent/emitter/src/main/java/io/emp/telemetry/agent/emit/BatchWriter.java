package io.emp.telemetry.agent.emit;

import io.emp.telemetry.agent.config.EmitterConfig;
import io.emp.telemetry.agent.log.AgentLog;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one batch as a single pipeline (all XADD/PUBLISH commands, one flush) and removes from the
 * batch exactly the commands Redis acknowledged. What is left must be re-sent: a connection lost
 * mid-batch costs at worst duplicates, never a silent loss.
 */
final class BatchWriter {
    /** Error replies that go away by themselves (server starting, failover): retry, don't drop. */
    private static final String[] TRANSIENT = {"LOADING", "BUSY", "TRYAGAIN", "MASTERDOWN", "CLUSTERDOWN", "READONLY", "NOAUTH"};

    private final EmitterConfig config;
    private final EmitterCounters counters;
    private final XAddArgs eventsArgs;
    private final XAddArgs errorsArgs;

    BatchWriter(EmitterConfig config, EmitterCounters counters) {
        this.config = config;
        this.counters = counters;
        this.eventsArgs = maxlenArgs(config.eventsMaxlen());
        this.errorsArgs = maxlenArgs(config.errorsMaxlen());
    }

    private static XAddArgs maxlenArgs(long maxlen) {
        // Approximate (~) trimming lets Redis drop whole macro nodes: cheap, and the length stays near maxlen.
        return maxlen > 0 ? new XAddArgs().maxlen(maxlen).approximateTrimming() : new XAddArgs();
    }

    /** Writes {@code batch}, removing acknowledged and rejected items; returns the failure that stopped it, or null. */
    Throwable write(StatefulRedisConnection<String, String> connection, List<PendingWrite> batch) {
        RedisAsyncCommands<String, String> redis = connection.async();
        List<RedisFuture<?>> futures = new ArrayList<>(batch.size());
        for (PendingWrite w : batch) {
            futures.add(w.isPublish() ? redis.publish(w.target, w.payload) : redis.xadd(w.target, argsFor(w.target), w.fields));
        }
        connection.flushCommands();
        long deadline = System.nanoTime() + config.redisTimeout().toNanos();
        // Replies arrive in order: once the last one is in, the others are too, so the loop below never
        // parks the writer per command (one wake-up per batch instead of one per entry).
        if (!futures.isEmpty()) await(futures.get(futures.size() - 1), deadline);
        Throwable failure = null;
        List<PendingWrite> left = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            PendingWrite w = batch.get(i);
            Throwable error = await(futures.get(i), deadline);
            if (error == null) {
                acknowledged(w);
            } else if (isPermanent(error)) {
                if (w.dropReport) counters.dropSilently(DropReason.REDIS_REJECTED, 1);
                else counters.drop(DropReason.REDIS_REJECTED, 1);
                AgentLog.once("redis-rejected:" + errorCode(error), AgentLog.Level.WARN, "Redis rejected a write to '" + w.target
                        + "': " + error.getMessage() + "; such entries are dropped and counted (reason "
                        + DropReason.REDIS_REJECTED.wireName() + ")");
            } else {
                if (failure == null) failure = error;
                left.add(w);
            }
        }
        batch.clear();
        batch.addAll(left);
        return failure;
    }

    private XAddArgs argsFor(String stream) {
        return stream.equals(config.errorsStream()) ? errorsArgs : eventsArgs;
    }

    private void acknowledged(PendingWrite w) {
        if (w.isPublish()) {
            counters.statusPublished.incrementAndGet();
        } else {
            counters.eventsWritten.incrementAndGet();
            if (w.dropReport) counters.dropReportsWritten.incrementAndGet();
        }
    }

    /** The command's error, or null when it succeeded. */
    static Throwable await(Future<?> future, long deadlineNanos) {
        try {
            future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause() == null ? e : e.getCause();
        } catch (TimeoutException e) {
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        } catch (Throwable t) {
            return t;
        }
    }

    static boolean isPermanent(Throwable error) {
        if (!(error instanceof RedisCommandExecutionException)) return false;
        String code = errorCode(error);
        for (String t : TRANSIENT) {
            if (t.equals(code)) return false;
        }
        return true;
    }

    private static String errorCode(Throwable error) {
        String m = String.valueOf(error.getMessage());
        int space = m.indexOf(' ');
        return space > 0 ? m.substring(0, space) : m;
    }
}
