package io.emp.telemetry.agent.emit;

import java.util.Map;

/** One encoded command of a batch: an XADD to a stream or a PUBLISH to a channel. Kept until Redis acknowledges it. */
final class PendingWrite {
    final String target;
    /** Entry fields for XADD; {@code null} for PUBLISH. */
    final Map<String, String> fields;
    /** Message for PUBLISH; {@code null} for XADD. */
    final String payload;
    final boolean dropReport;

    private PendingWrite(String target, Map<String, String> fields, String payload, boolean dropReport) {
        this.target = target;
        this.fields = fields;
        this.payload = payload;
        this.dropReport = dropReport;
    }

    static PendingWrite xadd(String stream, Map<String, String> fields, boolean dropReport) {
        return new PendingWrite(stream, fields, null, dropReport);
    }

    static PendingWrite publish(String channel, String payload) {
        return new PendingWrite(channel, null, payload, false);
    }

    boolean isPublish() {
        return fields == null;
    }
}
