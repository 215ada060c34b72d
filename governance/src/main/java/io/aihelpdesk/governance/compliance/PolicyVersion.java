package io.aihelpdesk.governance.compliance;

import java.time.Instant;

/** A policy file version (SHA-256) that decided calls in the period: when first and last, and how often. */
public record PolicyVersion(String version, Instant firstSeen, Instant lastSeen, long decisions) {
}
