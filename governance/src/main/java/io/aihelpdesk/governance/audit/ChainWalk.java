package io.aihelpdesk.governance.audit;

import java.util.Map;

/**
 * Re-checks the chain one stored event at a time, in seq order, keeping only the previous hash.
 * An event whose stored JSON no longer hashes to its event_hash was modified; an event whose
 * prev_hash is not the previous event's hash sits after a deletion, is an insertion, or was moved.
 */
final class ChainWalk {
    private long total;
    private String first;
    private String last;
    private String lastHash = EventJson.GENESIS;
    private String brokenAt;
    private String error;
    private final Checkpoint checkpoint;
    private boolean checkpointSeen;

    /** {@code checkpoint}: an authenticated checkpoint the chain must still contain, or null. */
    ChainWalk(Checkpoint checkpoint) {
        this.checkpoint = checkpoint;
    }

    /** Returns false once the chain is broken; later events are not examined. */
    boolean accept(long seq, String eventId, String columnHash, String rawJson) {
        Map<String, Object> tree;
        try {
            tree = EventJson.parse(rawJson);
        } catch (RuntimeException e) {
            return broken(eventId, "stored JSON of " + eventId + " is not valid JSON (modified): " + e.getMessage());
        }
        String stored = String.valueOf(tree.get("event_hash"));
        if (!stored.equals(EventJson.expectedHash(tree)) || !stored.equals(columnHash)
                || !eventId.equals(tree.get("event_id"))) {
            return broken(eventId, "event_hash mismatch at " + eventId + " (modified)");
        }
        if (!lastHash.equals(tree.get("prev_hash"))) {
            return broken(eventId, "prev_hash of " + eventId
                    + " does not match previous event (deleted, inserted or reordered)");
        }
        if (checkpoint != null && seq == checkpoint.seq()) {
            if (!stored.equals(checkpoint.lastHash())) {
                return broken(eventId, "event " + eventId + " at seq " + seq + " does not match the keyed checkpoint"
                        + " (events up to it were rewritten)");
            }
            checkpointSeen = true;
        }
        total++;
        first = first == null ? eventId : first;
        last = eventId;
        lastHash = stored;
        return true;
    }

    private boolean broken(String eventId, String message) {
        brokenAt = eventId;
        error = message;
        return false;
    }

    Verification result() {
        if (brokenAt == null && checkpoint != null && checkpoint.seq() > 0 && !checkpointSeen) {
            brokenAt = last;
            error = "chain ends at " + (last == null ? "genesis" : last) + " after " + total
                    + " events but the keyed checkpoint covers seq " + checkpoint.seq()
                    + " (truncated: newest events were deleted)";
        }
        return new Verification(brokenAt == null, total, first, last, total == 0 ? null : lastHash, brokenAt, error);
    }
}
