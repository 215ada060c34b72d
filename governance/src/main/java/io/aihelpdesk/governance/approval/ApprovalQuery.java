package io.aihelpdesk.governance.approval;

/** Filters of an approval listing; null fields do not filter. {@code limit} is capped at 1000. */
public record ApprovalQuery(ApprovalStatus status, String traceId, String requestedBy, String tool, int limit) {
    public static final int DEFAULT_LIMIT = 100;

    public ApprovalQuery {
        limit = limit <= 0 ? DEFAULT_LIMIT : Math.min(limit, 1000);
    }

    public static ApprovalQuery all() {
        return new ApprovalQuery(null, null, null, null, DEFAULT_LIMIT);
    }

    public static ApprovalQuery pending() {
        return new ApprovalQuery(ApprovalStatus.PENDING, null, null, null, DEFAULT_LIMIT);
    }
}
