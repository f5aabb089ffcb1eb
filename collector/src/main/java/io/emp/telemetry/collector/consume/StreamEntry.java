package io.emp.telemetry.collector.consume;

import java.util.Map;

/** One raw entry read from a stream, before decoding. */
public record StreamEntry(String stream, String id, Map<String, String> fields) {
}
