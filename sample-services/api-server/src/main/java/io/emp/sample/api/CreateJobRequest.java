package io.emp.sample.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.emp.sample.jobs.Job;
import io.emp.sample.jobs.JobJson;
import io.emp.sample.jobs.JobKeys;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /jobs}:
 * {@code {"type": "echo", "payload": {...}, "maxRetries": 2, "priority": 5, "userId": "user-42"}};
 * all but {@code type} optional.
 */
record CreateJobRequest(String type, Map<String, Object> payload, int maxRetries, int priority, String userId) {
    static final int MAX_RETRIES_LIMIT = 10;
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9._@:-]{1,128}");

    /** Thrown with a message fit for the client (HTTP 400). */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    static CreateJobRequest parse(String body) throws Invalid {
        JsonNode root;
        try {
            root = JobJson.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new Invalid("body is not valid JSON");
        }
        if (root == null || !root.isObject()) throw new Invalid("body must be a JSON object");

        JsonNode type = root.get("type");
        if (type == null || !type.isTextual() || !JobKeys.isValidType(type.asText())) {
            throw new Invalid("'type' must be a job type such as \"echo\" (lower-case letters, digits, '.', '_', '-')");
        }
        JsonNode payload = root.get("payload");
        if (payload != null && !payload.isNull() && !payload.isObject()) throw new Invalid("'payload' must be a JSON object");
        JsonNode retries = root.get("maxRetries");
        int maxRetries = 0;
        if (retries != null && !retries.isNull()) {
            if (!retries.canConvertToInt() || !retries.isIntegralNumber()
                    || retries.asInt() < 0 || retries.asInt() > MAX_RETRIES_LIMIT) {
                throw new Invalid("'maxRetries' must be an integer from 0 to " + MAX_RETRIES_LIMIT);
            }
            maxRetries = retries.asInt();
        }
        JsonNode priorityNode = root.get("priority");
        int priority = Job.DEFAULT_PRIORITY;
        if (priorityNode != null && !priorityNode.isNull()) {
            if (!priorityNode.isIntegralNumber() || !priorityNode.canConvertToInt()
                    || priorityNode.asInt() < 0 || priorityNode.asInt() > Job.MAX_PRIORITY) {
                throw new Invalid("'priority' must be an integer from 0 to " + Job.MAX_PRIORITY + " (higher runs first)");
            }
            priority = priorityNode.asInt();
        }
        JsonNode userNode = root.get("userId");
        String userId = null;
        if (userNode != null && !userNode.isNull()) {
            if (!userNode.isTextual() || !USER_ID.matcher(userNode.asText()).matches()) {
                throw new Invalid("'userId' must be 1 to 128 letters, digits or . _ @ : -");
            }
            userId = userNode.asText();
        }
        Map<String, Object> payloadMap = payload == null || payload.isNull()
                ? Map.of()
                : JobJson.MAPPER.convertValue(payload, new TypeReference<Map<String, Object>>() { });
        return new CreateJobRequest(type.asText(), payloadMap, maxRetries, priority, userId);
    }
}
