package io.emp.telemetry.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One telemetry event as it travels on the wire. Immutable; built with {@link #builder(String)}.
 * The {@code data} map holds attribute values as strings, numbers or booleans only, so that
 * encoding is cheap and the JSON is predictable.
 */
public final class TelemetryEvent {
    private final int version;
    private final long timestamp;
    private final String service;
    private final String eventType;
    private final String traceId;
    private final String spanId;
    private final String parentSpanId;
    private final String jobId;
    private final String workerId;
    private final String machineId;
    private final String userId;
    private final Map<String, Object> data;
    private final String errorType;
    private final String errorMessage;
    private final String errorStack;
    private final int approximateSize;

    private TelemetryEvent(Builder b) {
        this.version = b.version;
        this.timestamp = b.timestamp;
        this.service = b.service;
        this.eventType = Objects.requireNonNull(b.eventType, "eventType");
        this.traceId = b.traceId;
        this.spanId = b.spanId;
        this.parentSpanId = b.parentSpanId;
        this.jobId = b.jobId;
        this.workerId = b.workerId;
        this.machineId = b.machineId;
        this.userId = b.userId;
        this.data = b.data == null || b.data.isEmpty()
                ? Collections.emptyMap() : Collections.unmodifiableMap(b.data);
        this.errorType = b.errorType;
        this.errorMessage = b.errorMessage;
        this.errorStack = b.errorStack;
        this.approximateSize = sizeInQueue();
    }

    /** Characters held by this event's strings and a fixed allowance for the rest: what it costs in a queue. */
    private int sizeInQueue() {
        int n = 256 + length(eventType) + length(service) + length(jobId) + length(workerId) + length(machineId)
                + length(userId) + length(errorType) + length(errorMessage) + length(errorStack);
        for (Map.Entry<String, Object> e : data.entrySet()) {
            Object v = e.getValue();
            n += 32 + e.getKey().length() + (v instanceof String ? ((String) v).length() : 16);
        }
        return n;
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    public static Builder builder(String eventType) {
        return new Builder(eventType);
    }

    public Builder toBuilder() {
        Builder b = new Builder(eventType);
        b.version = version;
        b.timestamp = timestamp;
        b.service = service;
        b.traceId = traceId;
        b.spanId = spanId;
        b.parentSpanId = parentSpanId;
        b.jobId = jobId;
        b.workerId = workerId;
        b.machineId = machineId;
        b.userId = userId;
        b.data = data.isEmpty() ? null : new LinkedHashMap<>(data);
        b.errorType = errorType;
        b.errorMessage = errorMessage;
        b.errorStack = errorStack;
        return b;
    }

    /**
     * About how many bytes this event occupies while it waits to be written (strings counted at one
     * byte a character, plus a fixed allowance). Emitters bound their queues with it.
     */
    public int approximateSize() {
        return approximateSize;
    }

    /** An error event goes to the errors stream. */
    public boolean isError() {
        return errorType != null;
    }

    public int version() { return version; }
    public long timestamp() { return timestamp; }
    public String service() { return service; }
    public String eventType() { return eventType; }
    public String traceId() { return traceId; }
    public String spanId() { return spanId; }
    public String parentSpanId() { return parentSpanId; }
    public String jobId() { return jobId; }
    public String workerId() { return workerId; }
    public String machineId() { return machineId; }
    public String userId() { return userId; }
    public Map<String, Object> data() { return data; }
    public String errorType() { return errorType; }
    public String errorMessage() { return errorMessage; }
    public String errorStack() { return errorStack; }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof TelemetryEvent)) return false;
        TelemetryEvent e = (TelemetryEvent) o;
        return version == e.version && timestamp == e.timestamp && Objects.equals(service, e.service)
                && eventType.equals(e.eventType) && Objects.equals(traceId, e.traceId)
                && Objects.equals(spanId, e.spanId) && Objects.equals(parentSpanId, e.parentSpanId)
                && Objects.equals(jobId, e.jobId) && Objects.equals(workerId, e.workerId)
                && Objects.equals(machineId, e.machineId) && Objects.equals(userId, e.userId)
                && data.equals(e.data) && Objects.equals(errorType, e.errorType)
                && Objects.equals(errorMessage, e.errorMessage) && Objects.equals(errorStack, e.errorStack);
    }

    @Override
    public int hashCode() {
        return Objects.hash(timestamp, eventType, traceId, spanId, jobId);
    }

    @Override
    public String toString() {
        return "TelemetryEvent{" + eventType + " @" + timestamp + " service=" + service + " trace=" + traceId
                + " span=" + spanId + (jobId != null ? " job=" + jobId : "") + " data=" + data
                + (errorType != null ? " error=" + errorType + ": " + errorMessage : "") + "}";
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private int version = EventFields.SCHEMA_VERSION;
        private long timestamp;
        private String service;
        private final String eventType;
        private String traceId;
        private String spanId;
        private String parentSpanId;
        private String jobId;
        private String workerId;
        private String machineId;
        private String userId;
        private Map<String, Object> data;
        private String errorType;
        private String errorMessage;
        private String errorStack;

        private Builder(String eventType) {
            this.eventType = eventType;
        }

        public Builder version(int v) { this.version = v; return this; }
        public Builder timestamp(long epochMillis) { this.timestamp = epochMillis; return this; }
        public Builder service(String s) { this.service = s; return this; }
        public Builder traceId(String s) { this.traceId = s; return this; }
        public Builder spanId(String s) { this.spanId = s; return this; }
        public Builder parentSpanId(String s) { this.parentSpanId = s; return this; }
        public Builder jobId(String s) { this.jobId = s; return this; }
        public Builder workerId(String s) { this.workerId = s; return this; }
        public Builder machineId(String s) { this.machineId = s; return this; }
        public Builder userId(String s) { this.userId = s; return this; }
        public Builder errorType(String s) { this.errorType = s; return this; }

        /** The message with secrets masked ({@link Redaction#text}), then capped: every producer gets both. */
        public Builder errorMessage(String s) { this.errorMessage = redactedText(s, Limits.MAX_ERROR_MESSAGE_CHARS); return this; }

        /** The stack with secrets masked ({@link Redaction#text}), then capped. */
        public Builder errorStack(String s) { this.errorStack = redactedText(s, Limits.MAX_ERROR_STACK_CHARS); return this; }

        /** Cut to twice the cap first (the scan stays cheap for huge text), then redacted, then cut to the cap. */
        private static String redactedText(String s, int cap) {
            if (s == null) return null;
            return EventCodec.cut(Redaction.shared().text(EventCodec.cut(s, 2 * cap)), cap);
        }

        /**
         * Adds one attribute; {@code null} values are ignored. Values should be String, Number or
         * Boolean. Strings are cut to {@link Limits#MAX_VALUE_CHARS} and attributes beyond
         * {@link Limits#MAX_ATTRIBUTES} are dropped (both marked {@link Attributes#TRUNCATED}), so an
         * event waiting in a queue can never be larger than the limits allow. The value of a sensitive
         * name ({@link Redaction}) is replaced by {@link Redaction#MASK}, credentials in URLs are masked.
         */
        public Builder attribute(String key, Object value) {
            if (key != null && value != null) {
                Redaction redaction = Redaction.shared();
                if (redaction.isSensitive(key)) value = Redaction.MASK;
                else if (value instanceof String) value = Redaction.urls((String) value);
                if (data == null) data = new LinkedHashMap<>();
                if (data.size() >= Limits.MAX_ATTRIBUTES && !data.containsKey(key)) {
                    data.put(Attributes.TRUNCATED, Boolean.TRUE);
                    return this;
                }
                if (value instanceof String && ((String) value).length() > Limits.MAX_VALUE_CHARS) {
                    value = EventCodec.cut((String) value, Limits.MAX_VALUE_CHARS);
                    data.put(Attributes.TRUNCATED, Boolean.TRUE);
                }
                data.put(key, value);
            }
            return this;
        }

        public Builder data(Map<String, ?> attributes) {
            if (attributes != null) {
                for (Map.Entry<String, ?> e : attributes.entrySet()) attribute(e.getKey(), e.getValue());
            }
            return this;
        }

        /** Error type, message and stack from a throwable (stack is size-capped by the codec). */
        public Builder error(Throwable t) {
            if (t != null) {
                this.errorType = t.getClass().getName();
                errorMessage(t.getMessage());
                errorStack(StackTraces.format(t, 2 * Limits.MAX_ERROR_STACK_CHARS));
            }
            return this;
        }

        public TelemetryEvent build() {
            return new TelemetryEvent(this);
        }
    }
}
