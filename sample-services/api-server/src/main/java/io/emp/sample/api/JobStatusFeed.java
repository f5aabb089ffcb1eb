package io.emp.sample.api;

import io.emp.sample.jobs.Job;
import io.emp.sample.jobs.JobJson;
import io.emp.sample.jobs.JobKeys;
import io.emp.sample.jobs.JobStatus;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.sync.RedisCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows jobs for WebSocket clients by reading each followed job's hash ({@code job:<id>}) every
 * {@link #POLL_MILLIS} ms on one scheduler thread, and hands over a JSON status message whenever what
 * a client sees changes. Reading the hash needs nothing but the job store itself (no Pub/Sub
 * publisher has to be running), and a client that subscribes late still gets the current state first.
 */
final class JobStatusFeed implements AutoCloseable {
    static final long POLL_MILLIS = 200;
    private static final Logger LOG = LoggerFactory.getLogger(JobStatusFeed.class);

    private final RedisCommands<String, String> redis;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "job-status-feed");
        t.setDaemon(true);
        return t;
    });

    JobStatusFeed(RedisCommands<String, String> redis) {
        this.redis = redis;
    }

    /** A followed job; {@link #cancel} stops it (the connection closed). */
    interface Subscription {
        void cancel();
    }

    /**
     * Sends {@code jobId}'s status to {@code messages} now and on every change; when the job is
     * completed or failed, sends that last status and calls {@code finished} with the reason.
     */
    Subscription follow(String jobId, Consumer<String> messages, Consumer<String> finished) {
        Follower follower = new Follower(jobId, messages, finished);
        follower.future = scheduler.scheduleWithFixedDelay(follower, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
        return follower;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    private final class Follower implements Runnable, Subscription {
        private final String jobId;
        private final Consumer<String> messages;
        private final Consumer<String> finished;
        private volatile ScheduledFuture<?> future;
        /** The first run may finish before {@link #future} is set: then this stops the later ones. */
        private volatile boolean done;
        private Map<String, Object> last;

        Follower(String jobId, Consumer<String> messages, Consumer<String> finished) {
            this.jobId = jobId;
            this.messages = messages;
            this.finished = finished;
        }

        @Override
        public void run() {
            if (done) return;
            try {
                Map<String, String> hash = redis.hgetall(JobKeys.job(jobId));
                if (hash == null || hash.isEmpty()) {
                    messages.accept(JobJson.write(Map.of("jobId", jobId, "error", "no such job")));
                    finish("no such job");
                    return;
                }
                Job job = Job.fromHash(hash);
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("jobId", jobId);
                view.put("status", job.getStatus().wireName());
                view.put("attempt", job.getAttempt());
                job.getProgress().ifPresent(p -> view.put("progress", p));
                job.getError().ifPresent(e -> view.put("error", e));
                if (!Objects.equals(view, last)) {
                    last = view;
                    messages.accept(JobJson.write(view));
                }
                if (job.getStatus() == JobStatus.COMPLETED) finish("job completed");
                else if (job.getStatus() == JobStatus.FAILED) finish("job failed");
            } catch (RedisException e) {
                LOG.warn("job {}: status not read: {}", jobId, e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("job {}: cannot follow: {}", jobId, e.toString());
                finish("cannot follow job");
            }
        }

        private void finish(String reason) {
            done = true;
            cancel();
            finished.accept(reason);
        }

        @Override
        public void cancel() {
            done = true;
            ScheduledFuture<?> f = future;
            if (f != null) f.cancel(false);
        }
    }
}
