package io.aihelpdesk.governance.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * One request to evaluate. {@code rowsAffected} and {@code podsAffected} are null when not known;
 * the {@code max_rows_affected} / {@code max_pods_affected} limits are only checked against known counts.
 */
public record PolicyRequest(Principal principal, Resource resource, Action action, Instant at,
                            Integer rowsAffected, Integer podsAffected) {
    public PolicyRequest {
        principal = principal == null ? Principal.anonymous() : principal;
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(at, "at");
    }

    public PolicyRequest(Principal principal, Resource resource, Action action, Instant at) {
        this(principal, resource, action, at, null, null);
    }
}
