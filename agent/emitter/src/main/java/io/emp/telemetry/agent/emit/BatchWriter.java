package io.emp.telemetry.agent.emit;

import io.emp.telemetry.agent.log.AgentLog;
import redis.clients.jedis.exceptions.JedisDataException;

import java.util.ArrayList;
import java.util.List;

/**
 * Sends one batch as a single pipeline (all commands written, then the replies read in order, one
 * blocking read each) and removes from the batch exactly the commands Redis acknowledged or rejected
 * for good. What is left must be re-sent: a connection lost mid-batch costs at worst duplicates,
 * never a silent loss; a drop report Redis did not take gives its count back ({@link DropReports}).
 */
final class BatchWriter {
    /**
     * Error replies that go away by themselves (server loading, failover, and OOM: {@code maxmemory} with
     * {@code noeviction} until a consumer trims): keep the batch and retry, don't drop.
     */
    private static final String[] TRANSIENT = {"LOADING", "BUSY", "TRYAGAIN", "MASTERDOWN", "CLUSTERDOWN", "READONLY", "NOAUTH", "OOM"};
    /** Of those, the ones where the connection itself is fine and only the server is busy: retry on it. */
    private static final String[] SERVER_BUSY = {"LOADING", "BUSY", "TRYAGAIN", "OOM"};

    private final EmitterCounters counters;
    private final DropReports dropReports;
    private final List<PendingWrite> left = new ArrayList<>();

    BatchWriter(EmitterCounters counters, DropReports dropReports) {
        this.counters = counters;
        this.dropReports = dropReports;
    }

    /**
     * Writes {@code batch}, removing acknowledged and rejected items; returns the failure that stopped it
     * (a {@link JedisDataException} when Redis answered with a transient error, else a connection
     * failure), or null.
     */
    RuntimeException write(WriterConnection connection, List<PendingWrite> batch) {
        return write(connection, batch, null);
    }

    /**
     * As {@link #write(WriterConnection, List)}; {@code whileRedisWorks} runs once the batch is on the wire and
     * before its replies are read (the writer encodes its next batch meanwhile, instead of idling).
     */
    RuntimeException write(WriterConnection connection, List<PendingWrite> batch, Runnable whileRedisWorks) {
        RuntimeException failure = null;
        left.clear();
        int i = 0;
        try {
            for (PendingWrite w : batch) connection.sendRaw(w.command);
            connection.flushRaw();
            if (whileRedisWorks != null) whileRedisWorks.run();
            for (; i < batch.size(); i++) {
                PendingWrite w = batch.get(i);
                try {
                    connection.getOne();
                    acknowledged(w);
                } catch (JedisDataException error) {
                    if (isTransient(error)) {
                        if (failure == null) failure = error;
                        left.add(w);
                    } else {
                        rejected(w, error);
                    }
                }
            }
        } catch (RuntimeException connectionLost) {
            // Nothing after reply i is known to have been applied: re-send from there.
            failure = connectionLost;
            for (; i < batch.size(); i++) left.add(batch.get(i));
        }
        batch.clear();
        batch.addAll(left);
        left.clear();
        return failure;
    }

    private void acknowledged(PendingWrite w) {
        switch (w.kind) {
            case STATUS:
                counters.statusPublished.incrementAndGet();
                break;
            case EVENT:
                counters.eventsWritten.incrementAndGet();
                break;
            case DROP_REPORT:
                counters.eventsWritten.incrementAndGet();
                counters.dropReportsWritten.incrementAndGet();
                break;
            default:
                break;
        }
    }

    private void rejected(PendingWrite w, JedisDataException error) {
        String code = errorCode(error);
        if (w.kind == PendingWrite.Kind.DROP_REPORT) {
            dropReports.notWritten(w);
        } else if (w.isApplicationEvent()) {
            counters.drop(DropReason.REDIS_REJECTED, 1);
        }
        String consequence = w.isApplicationEvent()
                ? "; such entries are dropped and counted (reason " + DropReason.REDIS_REJECTED.wireName() + ")"
                : w.kind == PendingWrite.Kind.DROP_REPORT ? "; the drop counts are kept and reported again later" : "";
        AgentLog.once("redis-rejected:" + w.kind + ":" + code, AgentLog.Level.WARN,
                "Redis rejected a write to '" + w.target + "': " + error.getMessage() + consequence);
    }

    static boolean isTransient(JedisDataException error) {
        return codeIn(error, TRANSIENT);
    }

    /**
     * A transient error after which the same connection is still good (OOM, LOADING); the others
     * (NOAUTH after a restart with a password, READONLY after a failover) need a new connection.
     */
    static boolean isServerBusy(Throwable error) {
        return error instanceof JedisDataException && codeIn(error, SERVER_BUSY);
    }

    private static boolean codeIn(Throwable error, String[] codes) {
        String code = errorCode(error);
        for (String t : codes) {
            if (t.equals(code)) return true;
        }
        return false;
    }

    private static String errorCode(Throwable error) {
        String m = String.valueOf(error.getMessage());
        int space = m.indexOf(' ');
        return space > 0 ? m.substring(0, space) : m;
    }
}
