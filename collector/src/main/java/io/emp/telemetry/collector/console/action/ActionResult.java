package io.emp.telemetry.collector.console.action;

/** What an action did: ok, the Redis function's reply or the error, and the event that records it in the job's trace. */
public record ActionResult(boolean ok, String action, String jobId, String result, String error, String eventEntryId) {
}
