package io.emp.telemetry.collector.reactions.spi;

import java.util.Map;

/** What a custom action sees of the event it reacts to. */
public interface ActionContext {
    String reactionId();

    /** The stream entry id of the triggering event. */
    String entryId();

    /** Stable per (reaction, entry, action): the same on every redelivery of the entry. */
    String idempotencyKey();

    /** The event's fields ({@code eventType}, {@code jobId}, {@code data}, {@code failure} …). */
    Map<String, Object> event();

    /**
     * Fills a template with the event's values ({@code "job {jobId} on {data.model|unknown}"}).
     *
     * @throws IllegalArgumentException when the template is malformed or a placeholder has no value
     */
    String render(String template);
}
