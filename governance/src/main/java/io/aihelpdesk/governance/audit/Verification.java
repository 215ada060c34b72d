package io.aihelpdesk.governance.audit;

/**
 * The result of walking the chain. When {@code valid} is false, {@code brokenAt} is the id of the
 * first event whose hash or link is wrong and {@code error} says which and what it suggests;
 * {@code totalEvents}, {@code lastEventId} and {@code lastHash} then describe the walk up to there.
 */
public record Verification(boolean valid, long totalEvents, String firstEventId, String lastEventId,
        String lastHash, String brokenAt, String error) {
}
