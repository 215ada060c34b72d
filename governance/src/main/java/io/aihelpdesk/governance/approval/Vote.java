package io.aihelpdesk.governance.approval;

import java.time.Instant;

/** One approver's decision on a request: {@code approved} or {@code denied}, by whom, when and why. */
public record Vote(String principal, String decision, String reason, Instant at, String via) {
}
