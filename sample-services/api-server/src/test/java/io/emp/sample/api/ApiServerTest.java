package io.emp.sample.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.emp.sample.jobs.JobJson;
import io.emp.sample.jobs.JobKeys;
import io.emp.telemetry.testing.RedisExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The job API over real HTTP, backed by a real Redis. */
class ApiServerTest {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ApiServer server;
    private static String base;
    private static RedisClient inspector;
    private static StatefulRedisConnection<String, String> redis;

    @BeforeAll
    static void startServer() throws Exception {
        server = new ApiServer(new ApiConfig("127.0.0.1", 0, REDIS.uri()));
        base = "http://127.0.0.1:" + server.start();
        inspector = RedisClient.create(REDIS.uri());
        redis = inspector.connect();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
        redis.close();
        inspector.shutdown();
    }

    @Test
    void postCreatesPendingJobInRedis() throws Exception {
        HttpResponse<String> response = post("{\"type\":\"image-gen\",\"payload\":{\"prompt\":\"a cat\",\"steps\":4},\"maxRetries\":2}");

        assertEquals(201, response.statusCode());
        JsonNode job = JobJson.MAPPER.readTree(response.body());
        String id = job.get("id").asText();
        assertEquals("/jobs/" + id, response.headers().firstValue("Location").orElseThrow());
        assertEquals("pending", job.get("status").asText());
        assertEquals("a cat", job.at("/payload/prompt").asText());
        assertEquals(2, job.get("maxRetries").asInt());
        assertEquals("pending", redis.sync().hget(JobKeys.job(id), "status"));
        assertTrue(redis.sync().zrange(JobKeys.pending("image-gen"), 0, -1).contains(id));
    }

    @Test
    void getReturnsTheStoredJob() throws Exception {
        String id = JobJson.MAPPER.readTree(post("{\"type\":\"echo\",\"payload\":{\"text\":\"hi\"}}").body()).get("id").asText();

        HttpResponse<String> response = get("/jobs/" + id);

        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow().split(";")[0]);
        JsonNode job = JobJson.MAPPER.readTree(response.body());
        assertEquals(id, job.get("id").asText());
        assertEquals("echo", job.get("type").asText());
        assertEquals("hi", job.at("/payload/text").asText());
        assertEquals(0, job.get("maxRetries").asInt());
        assertEquals(0, job.get("attempt").asInt());
    }

    @Test
    void unknownJobIs404() throws Exception {
        assertEquals(404, get("/jobs/3f0c5a8e-0000-0000-0000-000000000000").statusCode());
        assertEquals(404, get("/jobs/not%20an%20id").statusCode());
        assertEquals(404, get("/nowhere").statusCode());
    }

    @Test
    void invalidBodiesAre400WithAReason() throws Exception {
        Map<String, String> cases = Map.of(
                "not json", "valid JSON",
                "[1,2]", "JSON object",
                "{\"payload\":{}}", "'type'",
                "{\"type\":\"Bad Type\"}", "'type'",
                "{\"type\":\"echo\",\"payload\":\"text\"}", "'payload'",
                "{\"type\":\"echo\",\"maxRetries\":-1}", "'maxRetries'",
                "{\"type\":\"echo\",\"maxRetries\":1.5}", "'maxRetries'",
                "{\"type\":\"echo\",\"maxRetries\":99}", "'maxRetries'");
        int jobsBefore = redis.sync().keys("job:*").size();
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> response = post(c.getKey());
            assertEquals(400, response.statusCode(), c.getKey());
            String error = JobJson.MAPPER.readTree(response.body()).get("error").asText();
            assertTrue(error.contains(c.getValue()), c.getKey() + " -> " + error);
        }
        assertEquals(jobsBefore, redis.sync().keys("job:*").size(), "no job created from a bad request");
    }

    @Test
    void priorityAndUserAreAcceptedStoredAndShown() throws Exception {
        HttpResponse<String> response = post("{\"type\":\"echo\",\"priority\":8,\"userId\":\"user-42\"}");

        assertEquals(201, response.statusCode(), response.body());
        JsonNode job = JobJson.MAPPER.readTree(response.body());
        assertEquals(8, job.get("priority").asInt());
        assertEquals("user-42", job.get("userId").asText());
        assertEquals(job.get("createdAt").asLong(), job.get("queuedAt").asLong());
        String id = job.get("id").asText();
        assertEquals("8", redis.sync().hget(JobKeys.job(id), "priority"));
        assertEquals("user-42", redis.sync().hget(JobKeys.job(id), "user_id"));
        JsonNode plain = JobJson.MAPPER.readTree(post("{\"type\":\"echo\"}").body());
        assertEquals(0, plain.get("priority").asInt());
        assertTrue(plain.get("userId") == null);
    }

    @Test
    void badPriorityOrUserIsA400() throws Exception {
        for (String body : new String[] {
                "{\"type\":\"echo\",\"priority\":10}", "{\"type\":\"echo\",\"priority\":-1}",
                "{\"type\":\"echo\",\"priority\":\"high\"}", "{\"type\":\"echo\",\"priority\":1.5}",
                "{\"type\":\"echo\",\"userId\":\"\"}", "{\"type\":\"echo\",\"userId\":\"a b\"}",
                "{\"type\":\"echo\",\"userId\":42}"}) {
            HttpResponse<String> response = post(body);
            assertEquals(400, response.statusCode(), body);
            assertTrue(JobJson.MAPPER.readTree(response.body()).get("error").asText().length() > 0);
        }
    }

    @Test
    void healthReportsRedis() throws Exception {
        HttpResponse<String> response = get("/health");
        assertEquals(200, response.statusCode());
        JsonNode health = JobJson.MAPPER.readTree(response.body());
        assertEquals("ok", health.get("status").asText());
        assertEquals("up", health.get("redis").asText());
    }

    @Test
    void onlyPostAndGetAreAllowed() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/jobs/x"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, response.statusCode());
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/jobs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
