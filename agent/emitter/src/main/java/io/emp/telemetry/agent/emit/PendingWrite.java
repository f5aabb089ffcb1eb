package io.emp.telemetry.agent.emit;

/**
 * One encoded command of a batch, kept until Redis acknowledges it: an {@code XADD} of an event or of a
 * drop report, a {@code PUBLISH} of a status message, or the {@code SET} of a job's latest status.
 */
final class PendingWrite {
    enum Kind {
        /** XADD of an application event: a rejection is a counted drop. */
        EVENT,
        /** XADD of a {@code telemetry.events_dropped} report: a rejection or loss puts its count back. */
        DROP_REPORT,
        /** PUBLISH of a status message: a rejection is a counted drop. */
        STATUS,
        /** SET job:{id}:latest-status: a convenience copy of a status message, never counted. */
        LATEST_STATUS,
        /** SET emp:resource:{instance}: the process's resource, refreshed; never counted. */
        RESOURCE
    }

    final Kind kind;
    final String target;
    /** The command as RESP bytes, sent as they are (and again after a lost connection). */
    final byte[] command;
    /** For {@link Kind#DROP_REPORT}: the reason and count it reports. */
    final DropReason reportedReason;
    final long reportedCount;

    private PendingWrite(Kind kind, String target, byte[] command, DropReason reportedReason, long reportedCount) {
        this.kind = kind;
        this.target = target;
        this.command = command;
        this.reportedReason = reportedReason;
        this.reportedCount = reportedCount;
    }

    static PendingWrite of(Kind kind, String target, byte[] command) {
        return new PendingWrite(kind, target, command, null, 0);
    }

    static PendingWrite dropReport(String stream, byte[] command, DropReason reason, long count) {
        return new PendingWrite(Kind.DROP_REPORT, stream, command, reason, count);
    }

    /** Whether it stands for events the application emitted (counted when lost). */
    boolean isApplicationEvent() {
        return kind == Kind.EVENT || kind == Kind.STATUS;
    }
}
