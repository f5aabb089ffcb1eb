package io.emp.sample.worker;

import io.emp.sample.jobs.Job;
import io.emp.sample.worker.connector.ConnectorResult;
import io.emp.sample.worker.connector.JobConnector;
import io.emp.sample.worker.connector.ProgressListener;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs a connector on a connector thread under the job timeout. A connector that overruns is
 * interrupted and the call fails with a {@link TimeoutException}; a connector's own exception is
 * rethrown as is.
 */
final class ConnectorRunner implements AutoCloseable {
    private final ExecutorService threads;
    private final Duration timeout;
    private final Function<Job, ProgressListener> progressFor;

    ConnectorRunner(String workerId, Duration timeout, Function<Job, ProgressListener> progressFor) {
        this.threads = Executors.newCachedThreadPool(new ConnectorThreadFactory(workerId));
        this.timeout = timeout;
        this.progressFor = progressFor;
    }

    ConnectorResult run(JobConnector connector, Job job) throws Exception {
        ProgressListener progress = progressFor.apply(job);
        Future<ConnectorResult> run = threads.submit(() -> connector.processJob(job, progress));
        try {
            return run.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            run.cancel(true);
            throw new TimeoutException("job " + job.getId() + " (" + job.getType() + ") exceeded the job timeout of "
                    + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) throw exception;
            throw e; // an Error inside the connector: keep it wrapped rather than rethrow an Error here
        } catch (InterruptedException e) {
            run.cancel(true);
            throw e;
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
