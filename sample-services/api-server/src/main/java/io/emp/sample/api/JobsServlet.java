package io.emp.sample.api;

import io.emp.sample.jobs.Job;
import io.emp.sample.jobs.JobQueue;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@code POST /jobs} creates a job; {@code GET /jobs/{id}} reads one. */
final class JobsServlet extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(JobsServlet.class);
    private static final int MAX_BODY_BYTES = 1 << 20;
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final transient JobQueue queue;
    private final transient RateLimiter submissions;

    JobsServlet(JobQueue queue, RateLimiter submissions) {
        this.queue = queue;
        this.submissions = submissions;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getPathInfo() != null && !"/".equals(request.getPathInfo())) {
            Json.error(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "POST only on /jobs");
            return;
        }
        if (!submissions.tryAcquire()) {
            response.setHeader("Retry-After", Long.toString(submissions.retryAfterSeconds()));
            Json.error(response, 429, "too many job submissions, try again later");
            return;
        }
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            Json.error(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "body larger than 1 MiB");
            return;
        }
        CreateJobRequest create;
        try {
            create = CreateJobRequest.parse(readBody(request));
        } catch (CreateJobRequest.Invalid e) {
            Json.error(response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        Job job;
        try {
            job = queue.createJob(create.type(), create.payload(), create.maxRetries(), create.priority(), create.userId());
        } catch (RedisCommandExecutionException e) {
            throw e;
        } catch (RedisException e) {
            unavailable(response, e);
            return;
        }
        LOG.info("created job {} type={} maxRetries={} priority={}", job.getId(), job.getType(), job.getMaxRetries(),
                job.getPriority());
        response.setHeader("Location", "/jobs/" + job.getId());
        Json.send(response, HttpServletResponse.SC_CREATED, JobView.of(job));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        String id = path == null ? "" : path.substring(1);
        if (!JOB_ID.matcher(id).matches()) {
            Json.error(response, HttpServletResponse.SC_NOT_FOUND, "no such job");
            return;
        }
        Optional<Job> job;
        try {
            job = queue.findJob(id);
        } catch (RedisCommandExecutionException e) {
            throw e;
        } catch (RedisException e) {
            unavailable(response, e);
            return;
        }
        if (job.isEmpty()) {
            Json.error(response, HttpServletResponse.SC_NOT_FOUND, "no such job: " + id);
        } else {
            Json.send(response, HttpServletResponse.SC_OK, JobView.of(job.get()));
        }
    }

    private static String readBody(HttpServletRequest request) throws IOException, CreateJobRequest.Invalid {
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) throw new CreateJobRequest.Invalid("body larger than 1 MiB");
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static void unavailable(HttpServletResponse response, RedisException e) throws IOException {
        LOG.warn("redis unavailable: {}", e.getMessage());
        Json.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "job store unavailable, try again");
    }
}
