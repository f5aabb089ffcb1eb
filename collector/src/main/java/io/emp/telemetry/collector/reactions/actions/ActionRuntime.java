package io.emp.telemetry.collector.reactions.actions;

import io.emp.telemetry.collector.reactions.delivery.Idempotency;

import java.net.http.HttpClient;

/**
 * What actions run with, per reaction thread: that thread's own Redis connection (transactions need one), the
 * shared HTTP client, and the idempotency records.
 */
public record ActionRuntime(Idempotency idempotency, HttpClient http) {
}
