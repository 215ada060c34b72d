package io.aihelpdesk.governance.audit;

import java.util.List;

/**
 * The tamper-evident audit chain. Every event links to its predecessor by {@code prev_hash}; an
 * event is acknowledged (append returns) only once it is durably committed.
 */
public interface AuditStore extends AutoCloseable {

    /**
     * Assigns {@code prev_hash}/{@code event_hash} atomically with respect to every other writer of
     * the same store and returns once the event is durable.
     *
     * @throws AuditStoreException if the event could not be committed (nothing was acknowledged)
     */
    Appended append(AuditEvent event);

    /** Events matching every given filter, oldest first; see {@link AuditQuery#next} for paging. */
    List<AuditEvent> query(AuditQuery query);

    /** Walks the whole chain in order, re-hashing every stored event; streams, so any size works. */
    Verification verify();

    /**
     * Seals the current tail with HMAC-SHA256 under {@code key} (from an environment variable the
     * caller reads; never logged or stored) and records the checkpoint.
     */
    Checkpoint checkpoint(byte[] key);

    /**
     * {@link #verify()} plus the latest checkpoint: it must authenticate under {@code key} and its
     * seq and hash must still be in the chain, which exposes truncation of the newest events.
     */
    Verification verify(byte[] key);

    @Override
    void close();
}
