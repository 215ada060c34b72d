package io.aihelpdesk.governance.approval;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable approvals. Every write is atomic; {@link #update} is a compare-and-set on the row's
 * version so two approvers deciding at once cannot both win. Failures throw
 * {@link ApprovalStoreException}: callers fail closed.
 */
public interface ApprovalStore extends AutoCloseable {
    void insert(Approval approval);

    Optional<Approval> find(String id);

    /** Writes {@code next} if the stored row still has {@code next.version()}; false when someone else changed it first. */
    boolean update(Approval next);

    /** Newest first. */
    List<Approval> list(ApprovalQuery query);

    /** The newest approval of the same trace, tool, resource and arguments hash, in any state. */
    Optional<Approval> latestFor(String traceId, String tool, String resource, String argumentsHash);

    /** Pending approvals whose {@code expires_at} is at or before {@code now}. */
    List<Approval> pendingExpiredAt(Instant now);

    @Override
    void close();
}
